// Browser tests of tutorial embedding (web/embed.js, the postMessage protocol in docs/embedding.md,
// web/tutorial.html). Registered by run.mjs. Host pages are served by two small servers of this
// process on other ports of 127.0.0.1 (a host and an attacker), so the app and its hosts are
// genuinely cross-origin (and all on loopback, as Chromium's private network rules want).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { decodePng, fractionNotBackground, fractionChanged } from './png.mjs';

// Serves `pages` (path -> text) on 127.0.0.1 at a free port; resolves to {origin, close()}.
function serve(pages) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const p = new globalThis.URL(req.url, 'http://x').pathname;
      if (p === '/favicon.ico') { res.writeHead(204); res.end(); return; }
      const body = pages[p];
      if (body === undefined) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': p.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => resolve({
      origin: 'http://127.0.0.1:' + server.address().port,
      close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
    }));
  });
}

// The fraction of pixels that differ from the image's most common colour (its background).
function ink(img) {
  const counts = new Map();
  for (let i = 0; i < img.data.length; i += 4 * 7) {
    const key = (img.data[i] >> 3) << 10 | (img.data[i + 1] >> 3) << 5 | (img.data[i + 2] >> 3);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let best = 0, bestN = -1;
  for (const [k, n] of counts) if (n > bestN) { best = k; bestN = n; }
  const bg = [((best >> 10) & 31) << 3, ((best >> 5) & 31) << 3, (best & 31) << 3];
  return fractionNotBackground(img, bg, undefined, 28);
}

const o0 = (results) => (results[0] && results[0].o) || {};

// The code blocks of docs/embedding.md: [{lang, code}].
export function docSnippets(markdown) {
  const out = [];
  const re = /^```(\w+)\n([\s\S]*?)^```$/gm;
  let m;
  while ((m = re.exec(markdown)) !== null) out.push({ lang: m[1], code: m[2] });
  return out;
}

export function registerEmbedTests({ test, assert, URL, SHOTS, waitFrames }) {
  const APP = URL.replace(/#.*$/, '').replace(/[^/]*$/, '');  // the folder with index.html and embed.js

  // Runs fn(context, host, evil) with a fresh browser context and two servers of `pages`: host (the
  // tutorial author's origin) and evil (another origin).
  async function withHosts(browser, pages, fn, { width = 1280, height = 900 } = {}) {
    const host = await serve(pages), evil = await serve(pages);
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'dark' });
    try {
      await fn(context, host.origin, evil.origin);
    } finally {
      await context.close();
      await host.close();
      await evil.close();
    }
  }
  function watch(page) {
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('dialog', (d) => { problems.push('a dialog opened: ' + d.message()); d.dismiss(); });
    return problems;
  }
  // A host page: embed.js from the app, a recorder of every controller and event, then `script`.
  // `tail` (HTML) comes after them (a doc snippet that is a whole page).
  function hostHtml(body, script, tail = '') {
    return `<!doctype html><html><head><meta charset="utf-8"><title>host</title>
<style>body{margin:0;font:16px sans-serif;background:#fff}</style></head><body>${body}
<script src="${APP}embed.js"></script>
<script>
window.__ctl = []; window.__events = [];
const __embed = GoFast.embed;
GoFast.embed = function (el, o) {
  const c = __embed(el, o);
  c.options = o || {};
  window.__ctl.push(c);
  for (const ev of ['ready', 'step', 'exit', 'error']) c.on(ev, (x) => window.__events.push({ id: c.id, ev: ev, x: x }));
  return c;
};
</script>
<script>${script}</script>${tail}</body></html>`;
  }
  const allReady = (page, n) => page.waitForFunction((k) => window.__ctl && window.__ctl.length >= k &&
    window.__ctl.every((c) => c.state !== null), n, { timeout: 60000 });
  // The app frame of an embed (by its iframe's index in the page).
  async function appFrame(page, index) {
    const handle = await page.locator('iframe.gofast-embed').nth(index).elementHandle();
    return handle.contentFrame();
  }
  // Waits until the page's scroll position has not changed for 10 animation frames.
  const settled = (page) => page.evaluate(() => new Promise((res) => {
    let last = window.scrollY, same = 0;
    const step = () => {
      if (window.scrollY === last) same++; else { same = 0; last = window.scrollY; }
      if (same >= 10) res(); else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }));
  const frameView = (frame) => frame.evaluate(() => window.gofast.gofastViewState());
  const frameCounters = (frame) => frame.evaluate(() => Object.assign({}, window.gofastEmbed.counters));
  const frameWait = (frame, n = 3) => frame.evaluate((k) => new Promise((res) => {
    const step = () => (k-- <= 0 ? res() : requestAnimationFrame(step)); step();
  }), n);

  test('embed: the tutorial page loads three explainers, all draw, and its buttons drive two of them (options, player)', async (browser) => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 2600 }, colorScheme: 'dark' });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(APP + 'tutorial.html', { waitUntil: 'load' });
    await page.waitForFunction(() => window.tutorialEmbeds &&
      Object.values(window.tutorialEmbeds).every((c) => c.state !== null), null, { timeout: 60000 });
    const states = await page.evaluate(() => Object.fromEntries(Object.entries(window.tutorialEmbeds).map(([k, c]) => [k, c.state])));
    assert(states.escape.chapter === 'escape' && states.escape.example === 0 && states.escape.readonly === true,
      `escape embed: ${JSON.stringify(states.escape)}`);
    assert(states.inlining.chapter === 'calls' && states.inlining.inlining === true && states.inlining.theme === 'dark',
      `inlining embed: ${JSON.stringify(states.inlining)}`);
    assert(states.goroutines.chapter === 'goroutines' && states.goroutines.readonly === false && !states.goroutines.running,
      `goroutines embed: ${JSON.stringify(states.goroutines)}`);
    const ids = await page.evaluate(() => Object.values(window.tutorialEmbeds).map((c) => c.id));
    assert(new Set(ids).size === 3, `three distinct embed ids: ${ids}`);
    const frames = await page.locator('iframe.gofast-embed').count();
    assert(frames === 3, `three iframes (${frames})`);
    for (let i = 0; i < 3; i++) {
      const f = await appFrame(page, i);
      await frameWait(f, 3);
      const st = await f.evaluate(() => ({ tabs: window.gofast.gofastState.tabs.length, open: !!document.getElementById('gofast-open') }));
      assert(st.tabs === 0 && st.open, `embed ${i}: no tabs, an "Open in gofast" link (${JSON.stringify(st)})`);
      const img = decodePng(await page.locator('iframe.gofast-embed').nth(i).screenshot());
      const f2 = ink(img);
      assert(f2 > 0.02, `embed ${i} has drawn content (${(f2 * 100).toFixed(2)}% ink)`);
    }
    await page.screenshot({ path: path.join(SHOTS, 'web-tutorial-page.png'), fullPage: true });

    // The buttons drive the second embed (the calls chapter) through its controller.
    const second = page.locator('iframe.gofast-embed').nth(1);
    const before = decodePng(await second.screenshot({ path: path.join(SHOTS, 'web-tutorial-inlining-before.png') }));
    const f1 = await appFrame(page, 1);
    await page.click('#btn-example');
    await page.waitForFunction(() => window.tutorialEmbeds.inlining.state.example === 1, null, { timeout: 10000 });
    assert((await frameView(f1)).example === 1, 'the app shows example 2');
    await page.click('#btn-inlining');
    await page.waitForFunction(() => window.tutorialEmbeds.inlining.state.inlining === false, null, { timeout: 10000 });
    assert((await frameView(f1)).inlining === false, 'the app analyses without inlining');
    await page.click('#btn-theme');
    await page.waitForFunction(() => window.tutorialEmbeds.inlining.state.theme === 'light', null, { timeout: 10000 });
    await frameWait(f1, 4);
    assert((await f1.evaluate(() => window.gofast.gofastState.dark)) === false, 'the app draws the light theme');
    const readout = await page.textContent('#readout');
    assert(/without|inlined|Example/.test(readout), `the page shows the explainer's status: "${readout}"`);
    assert((await page.textContent('#btn-inlining')) === 'Inlining: off', 'the button follows the state');
    const after = decodePng(await second.screenshot({ path: path.join(SHOTS, 'web-tutorial-inlining-after.png') }));
    const changed = fractionChanged(before, after, [0, 0, before.width, before.height]);
    assert(changed > 0.3, `the driven embed's pixels changed (${(changed * 100).toFixed(1)}%)`);
    // The other two are independent: unchanged.
    const states2 = await page.evaluate(() => Object.fromEntries(Object.entries(window.tutorialEmbeds).map(([k, c]) => [k, c.state])));
    assert(JSON.stringify(states2.escape) === JSON.stringify(states.escape), 'the escape embed did not change');
    assert(JSON.stringify(states2.goroutines) === JSON.stringify(states.goroutines), 'the goroutines embed did not change');

    // The third section's buttons drive the player of the goroutines embed.
    const third = await appFrame(page, 2);
    const drawn = await third.evaluate(() => window.gofast.gofastState.panels.map((p) => p.id));
    assert(drawn.join() === 'code,scheduler,run', `the goroutines embed shows its chosen panels: ${drawn}`);
    const at = () => page.evaluate(() => window.tutorialEmbeds.goroutines.state);
    await page.click('#btn-switch');
    await page.waitForFunction(() => window.tutorialEmbeds.goroutines.state.position > 0, null, { timeout: 20000 });
    const first = await at();
    await page.click('#btn-switch');
    await page.waitForFunction((p) => window.tutorialEmbeds.goroutines.state.position > p, first.position, { timeout: 20000 });
    const second2 = await at();
    assert(second2.goroutine !== 0 && /^G\d+ (on line \d+|in the runtime), after \d+ instructions\.$/.test(await page.textContent('#readout-run')),
      `the page shows where the run is: "${await page.textContent('#readout-run')}"`);
    await page.click('#btn-back');
    await page.waitForFunction((p) => window.tutorialEmbeds.goroutines.state.position === p, first.position, { timeout: 20000 });
    const back = await at();
    assert(back.goroutine === first.goroutine && back.line === first.line && back.output === first.output, 'back one switch is exactly the first state');
    await page.click('#btn-start');
    await page.waitForFunction(() => window.tutorialEmbeds.goroutines.state.position === 0, null, { timeout: 20000 });
    await page.screenshot({ path: path.join(SHOTS, 'web-tutorial-page-stepped.png'), fullPage: true });
    assert(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  test('embed: a focused embed keeps arrow keys and space from scrolling the host; unfocused it takes no keys', async (browser) => {
    const pages = {
      '/scroll.html': hostHtml(
        '<p id="top" style="height:1200px">Some tutorial text above.</p><div id="demo" style="height:420px"></div><div style="height:3000px"></div>',
        "GoFast.embed('#demo', { chapter: 'playground' });"),
    };
    await withHosts(browser, pages, async (context, host) => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(host + '/scroll.html', { waitUntil: 'load' });
      // In view: Chromium does not animate cross-origin frames out of view (an embed further down a
      // page becomes ready when the reader gets there).
      await page.evaluate(() => window.scrollTo(0, 900));
      await allReady(page, 1);
      const frame = await appFrame(page, 0);
      await frameWait(frame, 3);
      // Unfocused: the host page gets its keys (the embed captures nothing).
      await page.mouse.click(40, 100);  // host text above the embed
      assert((await page.evaluate(() => document.activeElement.tagName)) !== 'IFRAME', 'the embed did not take the focus');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => window.scrollY > 900, null, { timeout: 5000 });
      await settled(page);  // the host's smooth scroll has ended
      const programBefore = (await frameView(frame)).program;
      assert((await frameCounters(frame)).handled === 0, 'no commands so far');
      // Focused (a click in the code editor): the same keys do not scroll the host page.
      await page.evaluate(() => window.scrollTo({ top: 900, behavior: 'instant' }));
      await settled(page);
      const box = await page.locator('iframe.gofast-embed').boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.6);  // in the code editor (under the player's bar)
      await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'IFRAME', null, { timeout: 5000 });
      assert(await frame.evaluate(() => document.hasFocus() && document.activeElement.id === 'canvas'), 'a click focuses the explainer canvas');
      // Record, after every other listener, whether the explainer cancelled each scrolling key's
      // default action (a browser that chains keyboard scrolling out of frames would scroll the host).
      await frame.evaluate(() => {
        window.__keys = [];
        const rec = (e) => { if (e.type === 'keydown' ? e.key !== ' ' : e.key === ' ') window.__keys.push(e.key + ':' + e.defaultPrevented); };
        window.addEventListener('keydown', rec);
        window.addEventListener('keypress', rec);
      });
      await settled(page);
      const y0 = await page.evaluate(() => window.scrollY);
      for (const key of ['ArrowDown', 'ArrowDown', 'Space', 'PageDown', 'End', 'ArrowUp', 'PageUp', 'Home', 'ArrowRight', 'Space']) {
        await page.keyboard.press(key);
        await frameWait(frame, 1);
      }
      await frameWait(frame, 3);
      const y1 = await page.evaluate(() => window.scrollY);
      assert(y1 === y0, `the host page did not scroll (${y0} -> ${y1})`);
      const keys = await frame.evaluate(() => window.__keys);
      assert(keys.length === 10 && keys.every((k) => k.endsWith(':true')), `every scrolling key's default was cancelled: ${keys}`);
      await page.screenshot({ path: path.join(SHOTS, 'web-embed-focused-host.png') });
      // The keys reached the explainer: the spaces were typed into the program.
      const programAfter = (await frameView(frame)).program;
      const spaces = (s) => (s.match(/ /g) || []).length;
      assert(spaces(programAfter) === spaces(programBefore) + 2, `two spaces typed into the editor (${spaces(programBefore)} -> ${spaces(programAfter)})`);
      assert(problems.length === 0, problems.join('\n'));
    }, { width: 1100, height: 800 });
  });

  test('embed: messages from an untrusted origin and malformed messages are ignored; player commands answer "unsupported" where nothing runs', async (browser) => {
    const pages = {
      '/host.html': hostHtml('<div id="demo" style="height:420px"></div><div id="slot"></div>',
        "GoFast.embed('#demo', { chapter: 'escape', example: 0 });"),
      // The attacker (another origin, framed by the host page) posts well-formed commands to the embed.
      '/attack.html': '<!doctype html><html><body><script src="attack.js"></script></body></html>',
      '/attack.js': `
        const id = decodeURIComponent(location.hash.slice(1));
        const target = parent.frames[0];
        const base = { protocol: 'gofast', version: 1, id: id };
        target.postMessage(Object.assign({ type: 'setOption', name: 'chapter', value: 'playground' }, base), '*');
        target.postMessage(Object.assign({ type: 'load', program: 'package main\\nfunc main() { for {} }\\n' }, base), '*');
        target.postMessage(Object.assign({ type: 'setOption', name: 'theme', value: 'light' }, base), '*');
        document.title = 'sent';`,
    };
    await withHosts(browser, pages, async (context, host, evil) => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(host + '/host.html', { waitUntil: 'load' });
      await allReady(page, 1);
      const frame = await appFrame(page, 0);
      const view0 = await frameView(frame);
      assert(view0.chapter === 'escape' && view0.example === 0 && !view0.hasProgram, `starting view ${JSON.stringify(view0)}`);
      const id = await page.evaluate(() => window.__ctl[0].id);

      // 1. Another origin's frame posts valid commands: none is obeyed.
      await page.evaluate(([evilOrigin, embedId]) => {
        const f = document.createElement('iframe');
        f.src = evilOrigin + '/attack.html#' + encodeURIComponent(embedId);
        document.getElementById('slot').appendChild(f);
      }, [evil, id]);
      const evilFrame = await (await page.locator('#slot iframe').elementHandle()).contentFrame();
      await evilFrame.waitForFunction(() => document.title === 'sent', null, { timeout: 10000 });
      await frameWait(frame, 4);
      let c = await frameCounters(frame);
      assert(c.untrusted >= 3 && c.handled === 0, `the three messages were refused: ${JSON.stringify(c)}`);
      const view1 = await frameView(frame);
      assert(JSON.stringify(view1) === JSON.stringify(view0), `the view did not change: ${JSON.stringify(view1)}`);

      // 2. Malformed messages from the trusted host are ignored (no state change, no answer).
      const eventsBefore = await page.evaluate(() => window.__events.length);
      const bad = await page.evaluate((embedId) => {
        const ok = { protocol: 'gofast', version: 1, id: embedId };
        const m = (x) => Object.assign({}, ok, x);
        const list = [null, 'load', 42, [], {}, { type: 'load', example: 1 },
          Object.assign({}, ok, { version: 2, type: 'setOption', name: 'theme', value: 'light' }),
          Object.assign({}, ok, { protocol: 'other', type: 'setOption', name: 'theme', value: 'light' }),
          m({ id: 'someone-else', type: 'setOption', name: 'theme', value: 'light' }),
          m({ type: 'explode' }), m({ type: 'setOption', name: 'colour', value: 'red' }),
          m({ type: 'setOption', name: '__proto__', value: {} }), m({ type: 'setOption', name: 'toString', value: 'x' }),
          m({ type: 'setOption', name: 'theme', value: 'blue' }), m({ type: 'setOption', name: 'inlining', value: 'false' }),
          m({ type: 'setOption', name: 'chapter', value: 'nope' }), m({ type: 'setOption', name: 'example', value: 1.5 }),
          m({ type: 'load' }), m({ type: 'load', program: 'package main', example: 1 }), m({ type: 'load', program: 42 }),
          m({ type: 'load', example: -1 }), m({ type: 'load', program: 'x'.repeat((1 << 20) + 1) }),
          m({ type: 'load', example: 1, chapter: 'nope' }),
          m({ type: 'seek' }), m({ type: 'seek', step: -1 }), m({ type: 'seek', position: 1.5 }), m({ type: 'step', count: 0 }),
          m({ type: 'back', count: 'x' }), m({ type: 'step', unit: 'frame' }), m({ type: 'back', unit: 3 }),
          m({ type: 'play', seq: -1 }), m({ type: 'load', example: 1, seq: 'x' })];
        const w = document.querySelector('iframe.gofast-embed').contentWindow;
        for (const msg of list) w.postMessage(msg, '*');
        return list.length;
      }, id);
      await frameWait(frame, 4);
      c = await frameCounters(frame);
      assert(c.ignored === bad && c.handled === 0, `all ${bad} malformed messages were ignored: ${JSON.stringify(c)}`);
      assert(JSON.stringify(await frameView(frame)) === JSON.stringify(view0), 'the view did not change');
      assert((await page.evaluate(() => window.__events.length)) === eventsBefore, 'no answer to a malformed message');

      // 3. The player commands are accepted and answered with error "unsupported" (nothing runs yet).
      await page.evaluate(() => { const d = window.__ctl[0]; d.play(); d.pause(); d.step(); d.back(2); d.seek(10); });
      await page.waitForFunction(() => window.__events.filter((e) => e.ev === 'error').length >= 5, null, { timeout: 10000 });
      const errors = await page.evaluate(() => window.__events.filter((e) => e.ev === 'error').map((e) => e.x));
      assert(errors.every((e) => e.code === 'unsupported'), `unsupported: ${JSON.stringify(errors)}`);
      assert(JSON.stringify(errors.map((e) => e.command)) === JSON.stringify(['play', 'pause', 'step', 'back', 'seek']),
        `one answer per command, in order: ${JSON.stringify(errors)}`);
      assert(errors.every((e, i) => i === 0 || e.seq === errors[i - 1].seq + 1), 'answers carry the seq of their command');

      // 4. The same commands the attacker sent, from the trusted host, are obeyed.
      await page.evaluate(() => window.__ctl[0].setOption('theme', 'light'));
      await page.evaluate(() => window.__ctl[0].load({ program: 'package main\n\nfunc main() {\n\tx := 1\n\tprintln(&x)\n}\n' }));
      await page.waitForFunction(() => window.__ctl[0].state.edited === true && window.__ctl[0].state.theme === 'light', null, { timeout: 10000 });
      const view2 = await frameView(frame);
      assert(view2.chapter === 'escape' && view2.hasProgram && view2.program.includes('println(&x)') && !view2.dark,
        `the trusted host's commands took effect: ${JSON.stringify(view2)}`);
      await page.screenshot({ path: path.join(SHOTS, 'web-embed-trusted-commands.png') });

      // 5. The host-side API refuses bad options and commands at once, with a TypeError naming them.
      const thrown = await page.evaluate(() => {
        const r = [];
        const t = (f) => { try { f(); r.push('no error'); } catch (e) { r.push(e instanceof TypeError ? 'TypeError' : String(e)); } };
        const d = window.__ctl[0];
        t(() => GoFast.embed('#demo', { colour: 'red' }));
        t(() => GoFast.embed('#demo', { program: 'package main', example: 1 }));
        t(() => GoFast.embed('#demo', { height: 'calc(100px)' }));
        t(() => GoFast.embed('#demo', { trustedOrigin: '*' }));
        t(() => GoFast.embed('#no-such-element', {}));
        t(() => d.setOption('colour', 'red'));
        t(() => d.setOption('theme', 'blue'));
        t(() => d.step(0));
        t(() => d.step(1, 'frame'));
        t(() => d.seek(-1));
        t(() => d.load({}));
        t(() => d.on('click', () => {}));
        return r;
      });
      assert(thrown.length === 12 && thrown.every((x) => x === 'TypeError'), `each mistake throws a TypeError: ${thrown}`);
      assert((await page.locator('iframe.gofast-embed').count()) === 1, 'no embed was made from bad options');
      assert(problems.length === 0, problems.join('\n'));
    });
  });

  test('embed: "Open in gofast" opens the full app with the same view in a new tab', async (browser) => {
    const pages = {
      '/open.html': hostHtml('<div id="demo" style="height:420px"></div>',
        "GoFast.embed('#demo', { chapter: 'escape', example: 2, inlining: false, theme: 'light', readonly: true });"),
    };
    await withHosts(browser, pages, async (context, host) => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(host + '/open.html', { waitUntil: 'load' });
      await allReady(page, 1);
      const frame = await appFrame(page, 0);
      const view = await frameView(frame);
      assert(view.chapter === 'escape' && view.example === 2 && !view.inlining && !view.dark, `the options took effect: ${JSON.stringify(view)}`);
      await frameWait(frame, 3);
      await page.screenshot({ path: path.join(SHOTS, 'web-embed-open-link.png') });
      const [popup] = await Promise.all([context.waitForEvent('page'), frame.click('#gofast-open')]);
      await popup.waitForLoadState('load');
      const url = popup.url();
      assert(url.startsWith(APP) && !url.includes('embed=1') && url.includes('c=escape'), `the full app's address: ${url}`);
      await popup.waitForFunction(() => window.gofast && window.gofast.gofastReady && window.gofast.gofastState &&
        window.gofast.gofastState.tabs.length === 6, null, { timeout: 30000 });
      const full = await popup.evaluate(() => window.gofast.gofastViewState());
      assert(full.chapter === view.chapter && full.example === view.example && full.inlining === view.inlining && full.dark === view.dark,
        `same view in the full app: ${JSON.stringify(full)}`);
      assert(problems.length === 0, problems.join('\n'));
    });
  });

  test('embed: the player over postMessage: step, back and seek move the run, and back/seek return to exactly the same state', async (browser) => {
    const pages = {
      '/player.html': hostHtml('<div id="demo" style="height:480px"></div>',
        "GoFast.embed('#demo', { chapter: 'goroutines', example: 0, panels: ['controls', 'code', 'run'] });"),
    };
    await withHosts(browser, pages, async (context, host) => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(host + '/player.html', { waitUntil: 'load' });
      await allReady(page, 1);
      const ready = await page.evaluate(() => window.__events.find((e) => e.ev === 'ready').x);
      assert(ready.position === 0 && ready.running === false, `no run before the first command: ${JSON.stringify(ready)}`);
      // Sends one command and resolves with the state of the `step` event it causes.
      const command = (js) => page.evaluate((code) => new Promise((res, rej) => {
        const d = window.__ctl[0];
        let seq = -1;
        const seen = new Map();
        const off = d.on('step', (st, q) => { seen.set(q, st); if (seen.has(seq)) { off(); res(seen.get(seq)); } });
        d.on('error', (e) => rej(new Error(JSON.stringify(e))));
        seq = new Function('d', 'return ' + code)(d);  // the test's own code (this host page is the test's)
      }), js);
      const key = (st) => JSON.stringify([st.position, st.goroutine, st.line, st.output, st.finished]);
      const s1 = await command("d.step(1, 'line')");
      // (The first line step ends in the runtime's start-up code, line 0: not a line of the program.)
      assert(s1.running && s1.position > 0 && s1.goroutine >= 1 && !s1.playing, `a paused run after one line: ${JSON.stringify(s1)}`);
      const sa = await command("d.step({ count: 1, unit: 'switch' })");
      const s2 = await command("d.step(1, 'switch')");
      assert(sa.position > s1.position && s2.position > sa.position, `two goroutine switches later: ${sa.position}, ${s2.position}`);
      const s3 = await command("d.step(5, 'instruction')");
      assert(s3.position === s2.position + 5, `five instructions: ${s2.position} -> ${s3.position}`);
      assert(s3.line > 0, `the run is in the program's code: ${JSON.stringify(s3)}`);
      const b3 = await command("d.back(5, 'instruction')");
      assert(key(b3) === key(s2), `back 5 instructions returns exactly: ${key(b3)} vs ${key(s2)}`);
      const b2 = await command("d.back(1, 'switch')");
      assert(key(b2) === key(sa), `back one switch returns exactly: ${key(b2)} vs ${key(sa)}`);
      const sk = await command('d.seek(' + s3.position + ')');
      assert(key(sk) === key(s3), `seek returns exactly: ${key(sk)} vs ${key(s3)}`);
      // The app agrees with what the host was told.
      const frame = await appFrame(page, 0);
      const run = (await frameView(frame)).run;
      assert(run.position === s3.position && run.goroutine === s3.goroutine && run.line === s3.line, `the app's run: ${JSON.stringify(run)}`);
      // Play to the end: the host hears `exit`.
      await page.evaluate(() => window.__ctl[0].play());
      await page.waitForFunction(() => window.__events.some((e) => e.ev === 'exit'), null, { timeout: 30000 });
      const exit = await page.evaluate(() => window.__events.find((e) => e.ev === 'exit').x);
      assert(exit.finished && exit.position > s3.position && exit.output > 0, `the run ended: ${JSON.stringify(exit)}`);
      await page.screenshot({ path: path.join(SHOTS, 'web-embed-player.png') });
      assert(problems.length === 0, problems.join('\n'));
    }, { width: 1100, height: 700 });
  });

  test('embed: the panels option shows only the listed panels (and they fill the embed)', async (browser) => {
    const pages = {
      '/panels.html': hostHtml('<div id="a" style="height:420px"></div><div id="b" style="height:420px"></div>',
        "GoFast.embed('#a', { chapter: 'escape', panels: ['compiler', 'code'] }); GoFast.embed('#b', { chapter: 'escape' });"),
    };
    await withHosts(browser, pages, async (context, host) => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(host + '/panels.html', { waitUntil: 'load' });
      await allReady(page, 2);
      const fa = await appFrame(page, 0), fb = await appFrame(page, 1);
      await frameWait(fa, 3);
      await frameWait(fb, 3);
      const pa = await fa.evaluate(() => window.gofast.gofastState.panels);
      const pb = await fb.evaluate(() => window.gofast.gofastState.panels);
      assert(JSON.stringify(pa.map((p) => p.id)) === '["compiler","code"]', `only the two panels, in order: ${JSON.stringify(pa)}`);
      assert(pa[0].title.startsWith('Compiler says') && pa[1].title === 'Code', 'they are the panels with those titles');
      assert(pb.map((p) => p.id).join() === 'narration,code,compiler', `the other embed shows the whole chapter: ${pb.map((p) => p.id)}`);
      const area = (ps) => ps.reduce((a, p) => a + p.rect[2] * p.rect[3], 0);
      const size = await page.locator('iframe.gofast-embed').first().boundingBox();
      assert(area(pa) > 0.7 * size.width * size.height, `the two panels fill the embed (${Math.round(area(pa))} of ${size.width}x${size.height})`);
      const codeA = pa[1].rect, codeB = pb.find((p) => p.id === 'code').rect;
      assert(codeA[2] * codeA[3] !== codeB[2] * codeB[3], 'the code panel is laid out differently');
      await page.screenshot({ path: path.join(SHOTS, 'web-embed-panels.png') });
      assert(problems.length === 0, problems.join('\n'));
    });
  });

  test('embed: every snippet of docs/embedding.md runs in a blank host page and its options take effect', async (browser) => {
    const md = fs.readFileSync(new globalThis.URL('../../docs/embedding.md', import.meta.url), 'utf8');
    const snippets = docSnippets(md).filter((s) => s.lang === 'js' || s.lang === 'html');
    assert(snippets.length >= 12, `the doc has a snippet for each option (${snippets.length})`);
    const pages = {};
    snippets.forEach((s, i) => {
      pages[`/snippet${i}.html`] = s.lang === 'html'
        // embed.js and the recorder come first; the snippet's own <script src=".../embed.js"> then
        // finds GoFast.embed defined and keeps the recorder's.
        ? hostHtml('', '', s.code.replace(/https:\/\/gofast\.example\//g, APP))
        : hostHtml('<div id="demo" style="height:400px"></div>', s.code);
    });
    await withHosts(browser, pages, async (context, host) => {
      const page = await context.newPage();
      const problems = watch(page);
      for (let i = 0; i < snippets.length; i++) {
        await page.goto(`${host}/snippet${i}.html`, { waitUntil: 'load' });
        await allReady(page, 1);
        await page.waitForTimeout(300);  // commands a snippet sends once ready
        const code = snippets[i].code;
        const driven = /setOption|load\(/.test(code);
        const results = await page.evaluate(() => window.__ctl.map((c) => ({ o: c.options, s: c.state })));
        for (const { o, s } of results) {
          const where = `snippet ${i}: ${JSON.stringify(o)} -> ${JSON.stringify(s)}`;
          if (o.chapter) assert(s.chapter === o.chapter, 'chapter: ' + where);
          if (o.example !== undefined && !driven) assert(s.example === o.example, 'example: ' + where);
          if (o.inlining !== undefined && !driven) assert(s.inlining === o.inlining, 'inlining: ' + where);
          if (o.theme && o.theme !== 'auto' && !driven) assert(s.theme === o.theme, 'theme: ' + where);
          assert(s.readonly === (o.readonly === true), 'readonly: ' + where);
          if (o.program !== undefined) assert(s.edited === true, 'program: ' + where);
        }
        if (/setOption\('inlining', false\)/.test(code)) {
          await page.waitForFunction(() => window.__ctl[0].state.inlining === false && window.__ctl[0].state.example === 2 &&
            window.__ctl[0].state.theme === 'light', null, { timeout: 10000 });
        }
        if (/load\(\{ program/.test(code)) await page.waitForFunction(() => window.__ctl[0].state.edited === true, null, { timeout: 10000 });
        const at = code.match(/step: (\d+), autoplay: true/);
        if (at) {
          // Moved to `step`, then played from there to the end.
          await page.waitForFunction(() => window.__events.some((e) => e.ev === 'exit'), null, { timeout: 30000 });
          const seen = await page.evaluate(() => window.__events.filter((e) => e.ev === 'step').map((e) => e.x.position));
          assert(seen.includes(Number(at[1])), `snippet ${i}: the run stood at ${at[1]} (${seen.slice(0, 5)})`);
        }
        if (/demo\.back\(1, 'switch'\)/.test(code)) {
          await page.waitForFunction(() => window.__ctl[0].state.position > 0 && window.__ctl[0].state.line > 0, null, { timeout: 20000 });
        }
        if (o0(results).panels) {
          const f = await appFrame(page, 0);
          await frameWait(f, 3);
          const drawn = await f.evaluate(() => window.gofast.gofastState.panels.map((p) => p.id));
          const want = o0(results).panels.filter((x) => x !== 'controls');
          assert(JSON.stringify(drawn) === JSON.stringify(want), `snippet ${i}: panels ${drawn}, option ${want}`);
        }
        const h = await page.locator('iframe.gofast-embed').first().evaluate((f) => f.getBoundingClientRect().height);
        const m = code.match(/GoFast\.embed\([^)]*height: (\d+)/);
        if (m) assert(Math.abs(h - Number(m[1])) < 1, `snippet ${i}: height ${h}, option ${m[1]}`);
        else assert(h >= 120, `snippet ${i}: the embed has a height (${h})`);
        const img = decodePng(await page.locator('iframe.gofast-embed').first().screenshot({ path: path.join(SHOTS, `web-embed-doc-snippet${i}.png`) }));
        assert(ink(img) > 0.01, `snippet ${i} draws`);
      }
      assert(problems.length === 0, problems.join('\n'));
    }, { width: 1000, height: 700 });
  });
}
