// Browser end-to-end tests: headless Debian Chromium (WebGL through SwiftShader) drives the served web
// app. Usage: GOFAST_URL=http://127.0.0.1:PORT/ GOFAST_SHOTS=dir node tests/e2e/run.mjs
// Prints one line per test and a closing "N passed, N failed"; exits non-zero on any failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { decodePng, fractionNotBackground, fractionChanged } from './png.mjs';
import { registerEmbedTests } from './embed.mjs';

const URL = process.env.GOFAST_URL || 'http://127.0.0.1:8080/';
const SHOTS = process.env.GOFAST_SHOTS || 'build/screenshots';
fs.mkdirSync(SHOTS, { recursive: true });

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
];

const tests = [];
function test(name, fn) { tests.push({ name, fn }); }
function assert(cond, msg) { if (!cond) throw new Error(msg); }

// Opens the app in a fresh page and waits for its first published state (first frame drawn).
async function openApp(browser, { width = 1280, height = 720, dpr = 1, scheme = 'dark' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, colorScheme: scheme });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  const t0 = Date.now();
  await page.goto(URL, { waitUntil: 'load' });
  await page.waitForFunction(() => window.gofast && window.gofast.gofastState && window.gofast.gofastState.tabs.length === 6,
    null, { timeout: 30000 });
  const firstFrameMs = Date.now() - t0;
  return { context, page, problems, firstFrameMs };
}

async function shot(page, name) {
  const buf = await page.screenshot({ path: path.join(SHOTS, name) });
  return decodePng(buf);
}

const state = (page) => page.evaluate(() => window.gofast.gofastState);
const waitFrames = (page, n = 3) => page.evaluate((k) => new Promise((res) => {
  const step = () => (k-- <= 0 ? res() : requestAnimationFrame(step)); step();
}), n);

test('the app shell draws (dark theme, 1280x720) with no console errors', async (browser) => {
  const { context, page, problems, firstFrameMs } = await openApp(browser);
  console.log(`    first frame after ${firstFrameMs} ms`);
  await waitFrames(page, 5);
  const img = await shot(page, 'web-shell-dark-1280x720.png');
  const s = await state(page);
  assert(s.chapter === 0, `starts on chapter 1, got ${s.chapter}`);
  assert(s.dark === true, 'follows prefers-color-scheme: dark');
  // Background is the theme's window colour; text and tabs must cover a visible part of the screen.
  const bg = [img.data[img.width * 4 * 700 + 4 * 640], img.data[img.width * 4 * 700 + 4 * 640 + 1], img.data[img.width * 4 * 700 + 4 * 640 + 2]];
  const ink = fractionNotBackground(img, bg);
  assert(ink > 0.01, `the canvas has drawn content (non-background pixels ${(ink * 100).toFixed(2)}%)`);
  const status = await page.textContent('#gofast-status');
  assert(/Chapter 1 of 5: Values, not boxes/.test(status), `ARIA live region tells the chapter: "${status}"`);
  assert(problems.length === 0, problems.join('\n'));
  await context.close();
});

test('clicking a chapter tab switches the chapter (state, live region and pixels change)', async (browser) => {
  const { context, page, problems } = await openApp(browser);
  await waitFrames(page, 3);
  const before = await shot(page, 'web-tab-before.png');
  const s = await state(page);
  const [x, y, w, h] = s.tabs[2];
  assert(w > 10 && h > 10, `tab 3 has a real rectangle: ${s.tabs[2]}`);
  await page.mouse.click(x + w / 2, y + h / 2);
  await page.waitForFunction(() => window.gofast.gofastState.chapter === 2, null, { timeout: 10000 });
  await waitFrames(page, 3);
  const after = await shot(page, 'web-tab-escape-1280x720.png');
  const status = await page.textContent('#gofast-status');
  assert(/Escape analysis/.test(status), `live region names the new chapter: "${status}"`);
  const changed = fractionChanged(before, after, [0, Math.round(y + h), 1280, 720]);
  assert(changed > 0.002, `the chapter content area changed (${(changed * 100).toFixed(2)}% of pixels)`);
  assert(problems.length === 0, problems.join('\n'));
  await context.close();
});

test('keyboard: digits pick chapters, T toggles the theme', async (browser) => {
  const { context, page, problems } = await openApp(browser);
  await page.click('#canvas', { position: { x: 640, y: 600 } });
  await page.keyboard.press('5');
  await page.waitForFunction(() => window.gofast.gofastState.chapter === 4, null, { timeout: 10000 });
  await page.keyboard.press('t');
  await page.waitForFunction(() => window.gofast.gofastState.dark === false, null, { timeout: 10000 });
  await waitFrames(page, 3);
  await shot(page, 'web-stacks-light-1280x720.png');
  assert(problems.length === 0, problems.join('\n'));
  await context.close();
});

test('the canvas follows the browser window size', async (browser) => {
  const { context, page, problems } = await openApp(browser);
  await page.setViewportSize({ width: 900, height: 600 });
  await page.waitForFunction(() => { const c = document.getElementById('canvas'); return c.width === 900 && c.height === 600; },
    null, { timeout: 10000 });
  await waitFrames(page, 3);
  await shot(page, 'web-resized-900x600.png');
  assert(problems.length === 0, problems.join('\n'));
  await context.close();
});

test('high-DPI: at devicePixelRatio 2 the canvas has twice the pixels (crisp text)', async (browser) => {
  const { context, page, problems } = await openApp(browser, { width: 960, height: 540, dpr: 2, scheme: 'light' });
  await page.waitForFunction(() => { const c = document.getElementById('canvas'); return c.width === 1920 && c.height === 1080; },
    null, { timeout: 10000 });
  await waitFrames(page, 5);
  const img = await shot(page, 'web-shell-light-dpr2.png');
  assert(img.width === 1920, `screenshot is at device pixels (${img.width})`);
  const s = await state(page);
  assert(Math.abs(s.tabs[0][2] - (await openTabWidth1x(browser))) < 2, 'tabs keep their CSS size at any pixel ratio');
  assert(problems.length === 0, problems.join('\n'));
  await context.close();
});

// ---- share links (SPEC F6, issue #9) ----
async function openLink(browser, url, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: opts.scheme || 'dark' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('dialog', (d) => { problems.push('a dialog opened: ' + d.message()); d.dismiss(); });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.gofast && window.gofast.gofastReady && window.gofast.gofastState, null, { timeout: 30000 });
  await waitFrames(page, 3);
  return { context, page, problems };
}
const viewOf = (page) => page.evaluate(() => window.gofast.gofastViewState());

test('share link: a view with an edited program round-trips through the URL', async (browser) => {
  const { context, page, problems } = await openApp(browser);
  await page.waitForFunction(() => window.gofast.gofastReady, null, { timeout: 10000 });
  const program = 'package main\n\nfunc main() {\n\tx := 40 + 2 // héllo, 世界\n\tprintln(&x != nil)\n}\n';
  await page.evaluate((p) => window.gofast.ccall('gofast_apply_view', null,
    ['string', 'number', 'number', 'number', 'string', 'number'], ['escape', 2, 0, 0, p, 1]), program);
  await waitFrames(page, 3);
  const before = await viewOf(page);
  assert(before.chapter === 'escape' && before.example === 2 && before.inlining === false && before.dark === false,
    `the view was applied: ${JSON.stringify(before)}`);
  assert(before.hasProgram && before.program === program, 'the edited program is part of the view');
  const url = await page.evaluate(() => window.gofastShare());
  assert(url.includes('#') && url.includes('p='), `a link with the program: ${url}`);
  assert((await page.evaluate(() => location.href)) === url, 'the address bar shows the link');
  const b = await openLink(browser, url, { scheme: 'dark' });
  const after = await viewOf(b.page);
  assert(JSON.stringify(after) === JSON.stringify(before), `same view after opening the link:\n${JSON.stringify(after)}\n${JSON.stringify(before)}`);
  const s = await state(b.page);
  assert(s.chapter === 2 && s.dark === false, 'the escape chapter shows, in the light theme');
  await shot(b.page, 'web-share-link-escape.png');
  assert(problems.length === 0 && b.problems.length === 0, problems.concat(b.problems).join('\n'));
  await b.context.close();
  await context.close();
});

test('share link: hostile program text is data (no script, no dialog, no navigation)', async (browser) => {
  const { context, page } = await openApp(browser);
  const evil = 'package main\n// </script><script>alert(1)</script><img src=x onerror=alert(2)>\n// javascript:alert(3)\nfunc main() {}\n';
  const encoded = await page.evaluate((p) => window.gofast.gofastEncodeProgram(p), evil);
  await context.close();
  const base = URL.replace(/#.*$/, '');
  const url = base + '#v=1&c=playground&l=1&t=dark&p=' + encoded;
  const b = await openLink(browser, url);
  const v = await viewOf(b.page);
  assert(v.chapter === 'playground' && v.hasProgram && v.program === evil, 'the text arrives unchanged, as the program');
  assert((await b.page.evaluate(() => location.href)) === url, 'no navigation happened');
  const scripts = await b.page.evaluate(() => document.scripts.length);
  assert(scripts === 2, `no script element was added (${scripts})`);
  const imgs = await b.page.evaluate(() => document.images.length);
  assert(imgs === 0, 'no element was made from the text');
  // Garbage in the link is ignored with a warning, never an error.
  const c = await openLink(browser, base + '#c=calls&p=%%%not-base64');
  const cv = await viewOf(c.page);
  assert(cv.chapter === 'calls' && !cv.hasProgram, 'a broken program part is dropped');
  assert(b.problems.length === 0 && c.problems.length === 0, b.problems.concat(c.problems).join('\n'));
  await b.context.close();
  await c.context.close();
});

test('the edited program survives a reload (localStorage, SPEC R3)', async (browser) => {
  const { context, page, problems } = await openApp(browser);
  await page.waitForFunction(() => window.gofast.gofastReady, null, { timeout: 10000 });
  const program = 'package main\n\nfunc main() {\n\tprintln("kept across reloads")\n}\n';
  await page.evaluate((p) => window.gofast.ccall('gofast_apply_view', null,
    ['string', 'number', 'number', 'number', 'string', 'number'], ['playground', -1, 1, 1, p, 1]), program);
  await page.waitForFunction(() => (window.localStorage.getItem('gofast.view.v1') || '').includes('kept across reloads'),
    null, { timeout: 10000 });
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => window.gofast && window.gofast.gofastReady, null, { timeout: 30000 });
  const v = await viewOf(page);
  assert(v.chapter === 'playground' && v.hasProgram && v.program === program, `restored: ${JSON.stringify(v)}`);
  assert(problems.length === 0, problems.join('\n'));
  await context.close();
});

test('every chapter: load, play, step back, screenshots at 1280x720 and 1920x1080, with no console errors', async (browser) => {
  const ids = ['values', 'calls', 'escape', 'goroutines', 'stacks', 'playground'];
  const runs = new Set(['goroutines', 'stacks', 'playground']);
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    const { context, page, problems } = await openApp(browser, { width, height });
    for (let c = 0; c < ids.length; c++) {
      const [x, y, w, h] = (await state(page)).tabs[c];
      // ImGui 1.86 needs the move, the press and the release in separate frames.
      await page.mouse.move(x + w / 2, y + h / 2);
      await waitFrames(page, 2);
      await page.mouse.down();
      await waitFrames(page, 2);
      await page.mouse.up();
      await page.waitForFunction((k) => window.gofast.gofastState.chapter === k, c, { timeout: 10000 });
      await waitFrames(page, 4);
      // Play, then step back one line (the player's commands, as the Controls bar's buttons call them).
      const control = (cmd, unit, n) => page.evaluate(([cm, u, k]) => window.gofast.ccall('gofast_control', 'number',
        ['string', 'string', 'number'], [cm, u, k]), [cmd, unit, n]);
      if (runs.has(ids[c])) {
        assert((await control('play', 'line', 0)) === 0, `play in ${ids[c]}`);
        await page.waitForFunction(() => { const r = window.gofast.gofastViewState().run; return r && r.position > 50; }, null,
          { timeout: 20000 });
        assert((await control('pause', 'line', 0)) === 0, 'pause');
        await waitFrames(page, 2);
        const at = (await viewOf(page)).run.position;
        assert((await control('back', 'line', 1)) === 0, `back in ${ids[c]}`);
        await waitFrames(page, 3);
        const r = (await viewOf(page)).run;
        assert(r.position < at && !r.playing, `stepped back from ${at} to ${r.position}`);
      } else {
        assert((await control('play', 'line', 0)) === 1, `${ids[c]} runs no program: play is unsupported`);
      }
      const img = await shot(page, `web-chapter-${c + 1}-${ids[c]}-${width}x${height}.png`);
      const bg = [img.data[4 * (img.width * (img.height - 3) + 3)], img.data[4 * (img.width * (img.height - 3) + 3) + 1],
                  img.data[4 * (img.width * (img.height - 3) + 3) + 2]];
      const ink = fractionNotBackground(img, bg);
      assert(ink > 0.02, `chapter ${ids[c]} at ${width}x${height} draws panels (${(ink * 100).toFixed(1)}% non-background)`);
      const v = await viewOf(page);
      assert(v.chapter === ids[c], `the view is chapter ${ids[c]}: ${v.chapter}`);
    }
    assert(problems.length === 0, problems.join('\n'));
    await context.close();
  }
});

test('export: a run\'s trace downloads as Chrome trace-event JSON with a track per P and per M', async (browser) => {
  const { context, page, problems } = await openApp(browser);
  await page.waitForFunction(() => window.gofast.gofastReady, null, { timeout: 10000 });
  await page.evaluate(() => window.gofast.ccall('gofast_apply_view', null,
    ['string', 'number', 'number', 'number', 'string', 'number'], ['goroutines', 0, 1, 1, '', 0]));
  await waitFrames(page, 3);
  assert(await page.evaluate(() => window.gofast.gofastRun()), 'the ping-pong example starts');
  await page.waitForFunction(() => window.gofast.gofastTraceJson().includes('"ph":"X"'), null, { timeout: 20000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.gofastDownloadTrace())]);
  const file = path.join(SHOTS, 'gofast-trace.json');
  await download.saveAs(file);
  const trace = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ev = trace.traceEvents;
  assert(Array.isArray(ev) && ev.length > 10, `events: ${ev && ev.length}`);
  const names = ev.filter((e) => e.name === 'process_name').map((e) => e.args.name);
  assert(names.includes('Ps') && names.includes('Ms (threads)'), `process tracks: ${names}`);
  const threads = ev.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  assert(threads.some((n) => /P0/.test(n)) && threads.some((n) => /M0/.test(n)), `P and M tracks: ${threads}`);
  assert(ev.filter((e) => e.ph === 'X').length >= 3, 'goroutines ran as slices');
  const run = (await viewOf(page)).run;
  assert(run && trace.otherData && trace.otherData.gofastEvents === run.traceLength && trace.otherData.gofastDropped === 0,
    `the file was made from all ${run && run.traceLength} events of the session's trace: ${JSON.stringify(trace.otherData)}`);
  assert(problems.length === 0, problems.join('\n'));
  await context.close();
});

test('share link with the step: open, run, step, copy link, open the link in a new page: the same run state', async (browser) => {
  const { context, page, problems } = await openApp(browser);
  await page.waitForFunction(() => window.gofast.gofastReady, null, { timeout: 10000 });
  await page.evaluate(() => window.gofast.ccall('gofast_apply_view', null,
    ['string', 'number', 'number', 'number', 'string', 'number'], ['goroutines', 0, 1, 1, '', 0]));
  await waitFrames(page, 3);
  assert((await viewOf(page)).run === null, 'no run yet');
  // Run, then step a few times with the player (App::control, as the Controls bar and embeds do).
  const control = (cmd, unit, n) => page.evaluate(([c, u, k]) => window.gofast.ccall('gofast_control', 'number',
    ['string', 'string', 'number'], [c, u, k]), [cmd, unit, n]);
  assert(await page.evaluate(() => window.gofast.gofastRun()), 'the ping-pong example starts');
  assert((await control('pause', 'line', 0)) === 0, 'pause');
  assert((await control('seek', 'line', 0)) === 0, 'back to the start');
  assert((await control('step', 'switch', 3)) === 0, 'three goroutine switches');
  assert((await control('step', 'line', 4)) === 0, 'four lines');
  assert((await control('step', 'instruction', 7)) === 0, 'seven instructions');
  await waitFrames(page, 3);
  const before = await viewOf(page);
  const r = before.run;
  assert(r && r.position > 7 && !r.playing && !r.finished && r.goroutine >= 1 && r.line > 0 && r.traceLength > 0,
    `a paused run part-way: ${JSON.stringify(r)}`);
  const url = await page.evaluate(() => window.gofastShare());
  const hash = new URLSearchParams(url.split('#')[1]);
  assert(hash.get('s') === String(r.position) && hash.get('g') === String(r.gomaxprocs) && hash.get('r') === String(r.seed) &&
    hash.get('w') === String(r.writeLatencyNs), `the link carries the position and the run's options: ${url}`);
  const b = await openLink(browser, url);
  await b.page.waitForFunction(() => window.gofast.gofastViewState().run !== null, null, { timeout: 20000 });
  await waitFrames(b.page, 3);
  const after = await viewOf(b.page);
  assert(JSON.stringify(after) === JSON.stringify(before), `the same view and run state:\n${JSON.stringify(after)}\n${JSON.stringify(before)}`);
  await shot(b.page, 'web-share-link-step.png');
  // A link with a run that cannot be read opens the view without a run (a warning, no error).
  const c = await openLink(browser, url.replace(/&s=\d+/, '&s=-5'));
  assert((await viewOf(c.page)).run === null && (await viewOf(c.page)).chapter === 'goroutines', 'a bad position is dropped');
  assert(problems.length === 0 && b.problems.length === 0 && c.problems.length === 0, problems.concat(b.problems, c.problems).join('\n'));
  await c.context.close();
  await b.context.close();
  await context.close();
});

test('export: "Save panel as PNG" downloads exactly the panel\'s rectangle of the frame', async (browser) => {
  for (const dpr of [1, 2]) {
    const { context, page, problems } = await openApp(browser, { width: 1280, height: 720, dpr });
    await page.waitForFunction(() => window.gofast.gofastReady, null, { timeout: 10000 });
    await page.evaluate(() => window.gofast.ccall('gofast_apply_view', null,
      ['string', 'number', 'number', 'number', 'string', 'number'], ['escape', 0, 1, 1, '', 0]));
    await waitFrames(page, 4);
    const panels = (await state(page)).panels;
    const code = panels.find((p) => p.id === 'code');
    assert(code && code.title === 'Code', `the code panel is on screen: ${JSON.stringify(panels)}`);
    assert(!(await page.evaluate(() => window.gofast.gofastSavePanel('heap'))), 'a panel not on screen cannot be saved');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }),
      page.evaluate(() => window.gofast.gofastSavePanel('code'))]);
    assert(download.suggestedFilename() === 'gofast-code.png', `file name ${download.suggestedFilename()}`);
    const file = path.join(SHOTS, `gofast-code-dpr${dpr}.png`);
    await download.saveAs(file);
    const png = decodePng(fs.readFileSync(file));
    const [x, y, w, h] = code.rect;
    const ew = Math.round((x + w) * dpr) - Math.round(x * dpr), eh = Math.round((y + h) * dpr) - Math.round(y * dpr);
    assert(png.width === ew && png.height === eh, `a ${png.width}x${png.height} PNG, the panel is ${ew}x${eh} device pixels`);
    // It is the panel: the same pixels as a screenshot of that rectangle.
    const full = await shot(page, `web-png-export-dpr${dpr}.png`);
    let same = 0, n = 0;
    const x0 = Math.round(x * dpr), y0 = Math.round(y * dpr);
    for (let yy = 0; yy < png.height; yy += 3) {
      for (let xx = 0; xx < png.width; xx += 3) {
        const a = 4 * (yy * png.width + xx), b2 = 4 * ((y0 + yy) * full.width + x0 + xx);
        n++;
        if (Math.abs(png.data[a] - full.data[b2]) + Math.abs(png.data[a + 1] - full.data[b2 + 1]) + Math.abs(png.data[a + 2] - full.data[b2 + 2]) < 24) same++;
      }
    }
    assert(same / n > 0.97, `the PNG matches the panel's pixels on screen (${(100 * same / n).toFixed(1)}%)`);
    assert(problems.length === 0, problems.join('\n'));
    await context.close();
  }
});

let tabWidth1x = null;
async function openTabWidth1x(browser) {
  if (tabWidth1x !== null) return tabWidth1x;
  const { context, page } = await openApp(browser, { width: 960, height: 540, dpr: 1, scheme: 'light' });
  tabWidth1x = (await state(page)).tabs[0][2];
  await context.close();
  return tabWidth1x;
}

// Tutorial embedding (web/embed.js, docs/embedding.md): tests/e2e/embed.mjs.
registerEmbedTests({ test, assert, URL, SHOTS, waitFrames });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
let passed = 0, failed = 0;
const only = process.env.GOFAST_TESTS ? new RegExp(process.env.GOFAST_TESTS) : null;  // e.g. GOFAST_TESTS=embed
for (const t of tests) {
  if (only && !only.test(t.name)) continue;
  const t0 = Date.now();
  try {
    await t.fn(browser);
    passed++;
    console.log(`  ok   ${t.name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`  FAIL ${t.name}\n       ${String(e && e.stack || e).split('\n').join('\n       ')}`);
  }
}
await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
