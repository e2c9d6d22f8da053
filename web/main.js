// Starts the gofast WebAssembly app on the page's canvas, and keeps share links (SPEC F6).
// No eval, no inline script, no HTML built from data (R4): program text only ever travels as data
// (URL hash → DecompressionStream → a UTF-8 string argument of an exported C function).
//
// Share link format (the URL hash, all parts optional):
//   #v=1&c=<chapter id>&e=<example index>&l=<1 inlining on | 0 off>&t=<dark|light>&p=<program>
//      [&s=<position>&g=<GOMAXPROCS>&r=<seed>&w=<write latency, ns>]
// where <program> is the program text compressed with deflate-raw (CompressionStream) and encoded
// as base64url. `p` is present only when the program differs from the chapter's example. `s` and the
// run's options are present when the chapter's program has been run: opening the link runs it with
// those options and stops at instruction count `s` (the run is deterministic: the same state).
//
// Embed mode (docs/embedding.md; web/embed.js makes the iframe): the page's query string holds
//   ?embed=1&id=<embed id>&origin=<trusted origin>[&ro=1][&panels=a,b][&autoplay=1][&speed=X][&s=<position>]
// and the hash holds the view as above. The app then shows only the chapter's panels and an
// "Open in gofast" link, and talks to its host page with the postMessage protocol below.
(function () {
  'use strict';
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  function fatal(msg) {
    loading.textContent = msg;
    loading.className = 'fatal';
  }
  const probe = document.createElement('canvas');
  if (!probe.getContext('webgl2')) {
    fatal('gofast needs WebGL 2, which this browser does not provide.');
    return;
  }

  // ---- program text <-> base64url(deflate-raw) ----
  function toBase64Url(bytes) {
    let bin = '';
    for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromBase64Url(s) {
    if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  async function pipe(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }
  async function encodeProgram(text) {
    return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
  }
  async function decodeProgram(s) {
    return new TextDecoder('utf-8', { fatal: false }).decode(await pipe(fromBase64Url(s), new DecompressionStream('deflate-raw')));
  }
  const MAX_PROGRAM_BYTES = 1 << 20;  // a link longer than any browser keeps is refused anyway

  async function viewFromHash(hash) {
    const q = new URLSearchParams(hash.replace(/^#/, ''));
    if (![...q.keys()].length) return null;
    const v = { chapter: q.get('c') || 'values', example: -1, inlining: q.get('l') !== '0', dark: null, hasProgram: false, program: '', run: null };
    const num = (k, min, max) => {
      const t = q.get(k);
      const x = t !== null && /^\d{1,16}$/.test(t) ? Number(t) : NaN;
      return Number.isSafeInteger(x) && x >= min && x <= max ? x : null;
    };
    if (q.has('s')) {
      const run = { position: num('s', 0, 2147483647), gomaxprocs: num('g', 1, 64), seed: num('r', 0, Number.MAX_SAFE_INTEGER),
        writeLatencyNs: num('w', 0, 1e12) };
      if (Object.values(run).every((x) => x !== null)) v.run = run;
      else console.warn('gofast: the run in this link could not be read');
    }
    const e = parseInt(q.get('e') || '-1', 10);
    v.example = Number.isFinite(e) ? e : -1;
    if (q.get('t') === 'dark') v.dark = true;
    if (q.get('t') === 'light') v.dark = false;
    if (q.get('p')) {
      try {
        const text = await decodeProgram(q.get('p'));
        if (text.length <= MAX_PROGRAM_BYTES) { v.program = text; v.hasProgram = true; }
      } catch (err) {
        console.warn('gofast: the program in this link could not be read: ' + err.message);
      }
    }
    return v;
  }

  function applyView(mod, v) {
    const dark = v.dark === null ? window.matchMedia('(prefers-color-scheme: dark)').matches : v.dark;
    mod.ccall('gofast_apply_view', null, ['string', 'number', 'number', 'number', 'string', 'number'],
      [v.chapter, v.example, v.inlining ? 1 : 0, dark ? 1 : 0, v.program, v.hasProgram ? 1 : 0]);
  }

  function viewState(mod) { return JSON.parse(mod.ccall('gofast_view_state', 'string', [], [])); }

  // A link's run: run the program with its options and stop at its position (App::runAt).
  function applyRun(mod, run) {
    if (!run) return true;
    return mod.ccall('gofast_run_at', 'number', ['number', 'number', 'number', 'number'],
      [run.gomaxprocs, run.seed, run.writeLatencyNs, run.position]) === 1;
  }

  // The share link of the current view; base is the app's address without query and hash.
  async function linkFor(mod, base) {
    const s = viewState(mod);
    const q = new URLSearchParams();
    q.set('v', '1');
    q.set('c', s.chapter);
    if (s.example >= 0) q.set('e', String(s.example));
    q.set('l', s.inlining ? '1' : '0');
    q.set('t', s.dark ? 'dark' : 'light');
    if (s.hasProgram) q.set('p', await encodeProgram(s.program));
    if (s.run) {
      q.set('s', String(s.run.position));
      q.set('g', String(s.run.gomaxprocs));
      q.set('r', String(s.run.seed));
      q.set('w', String(s.run.writeLatencyNs));
    }
    return (base || location.href.replace(/#.*$/, '')) + '#' + q.toString();
  }

  // Saves a blob as a file (a download).
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // A short message over the canvas ("Link copied"); text only.
  function toast(msg) {
    let el = document.getElementById('gofast-toast');
    if (!el) {
      el = document.createElement('div');
      el.id = 'gofast-toast';
      el.setAttribute('role', 'status');
      document.body.appendChild(el);
    }
    el.textContent = msg;
    el.className = 'show';
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { el.className = ''; }, 2500);
  }

  // ---- embed mode: options from the query string (validated; anything else is ignored) ----
  const query = new URLSearchParams(location.search);
  const embed = query.get('embed') === '1' ? readEmbedOptions(query) : null;
  function readEmbedOptions(q) {
    const o = { id: '', trusted: null, readonly: q.get('ro') === '1', panels: [], autoplay: q.get('autoplay') === '1', speed: 1, step: 0 };
    const id = q.get('id') || '';
    if (/^[A-Za-z0-9_-]{1,64}$/.test(id)) o.id = id;
    o.trusted = originOf(q.get('origin')) || originOf(document.referrer);
    const panels = (q.get('panels') || '').split(',').filter((p) => /^[a-z]{1,16}$/.test(p));
    o.panels = panels.slice(0, 16);
    const speed = Number(q.get('speed'));
    if (Number.isFinite(speed) && speed >= 0.25 && speed <= 16) o.speed = speed;
    const step = Number(q.get('s'));
    if (Number.isInteger(step) && step >= 0) o.step = step;
    return o;
  }
  // The origin of an absolute http(s) URL that is exactly an origin or a page address, else null.
  function originOf(text) {
    if (typeof text !== 'string' || text === '') return null;
    try {
      const u = new URL(text);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
      return u.origin;
    } catch (err) {
      return null;
    }
  }
  if (embed) document.documentElement.classList.add('embed');
  // Good guest (framed, focused): the keys that scroll a page must not scroll the host page through
  // this frame. preventDefault only: SDL still gets every key (it listens on this window too). Space is
  // stopped at keypress so that typing a space in the editor keeps working.
  if (window.parent !== window) {
    const scrollKeys = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End']);
    window.addEventListener('keydown', (e) => { if (scrollKeys.has(e.key)) e.preventDefault(); }, true);
    window.addEventListener('keypress', (e) => { if (e.key === ' ') e.preventDefault(); }, true);
  }

  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  // A lost WebGL context cannot be recovered by ImGui's renderer: say so instead of freezing.
  canvas.addEventListener('webglcontextlost', (e) => { e.preventDefault(); fatal('The graphics context was lost. Reload the page to continue.'); });
  createGoFast({
    canvas: canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  }).then(async (mod) => {
    window.gofast = mod;  // for the page's own scripts and tests: gofast.gofastState
    // The app calls this from its Share menu.
    window.gofastShare = async () => {
      const url = await linkFor(mod);
      history.replaceState(null, '', url);
      try {
        await navigator.clipboard.writeText(url);
        toast('Link copied to the clipboard');
      } catch (err) {
        toast('Link ready in the address bar');
      }
      return url;
    };
    // The app's Share menu: save the run's scheduler trace (chrome://tracing, ui.perfetto.dev).
    window.gofastDownloadTrace = () => {
      const text = mod.ccall('gofast_trace_json', 'string', [], []);
      if (!text) return false;
      download(new Blob([text], { type: 'application/json' }), 'gofast-trace.json');
      return true;
    };
    // "Save panel as PNG": the app calls this right after rendering the frame (same task, so the WebGL
    // drawing buffer still holds it) with the panel's rectangle in canvas pixels; the page crops the
    // canvas and the browser encodes the PNG.
    window.gofastSavePanelPixels = (id, x, y, w, h) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      c.getContext('2d').drawImage(canvas, x, y, w, h, 0, 0, w, h);
      const name = 'gofast-' + String(id).replace(/[^a-z0-9-]/g, '') + '.png';
      c.toBlob((blob) => { if (blob) download(blob, name); }, 'image/png');
    };
    mod.gofastSavePanel = (id) => mod.ccall('gofast_save_panel', 'number', ['string'], [String(id)]) === 1;
    mod.gofastTraceJson = () => mod.ccall('gofast_trace_json', 'string', [], []);
    mod.gofastRun = () => mod.ccall('gofast_run', 'number', [], []) === 1;
    mod.gofastViewState = () => viewState(mod);
    mod.gofastLink = () => linkFor(mod);
    mod.gofastEncodeProgram = encodeProgram;
    if (embed) {
      mod.ccall('gofast_set_embed', null, ['number', 'number'], [1, embed.readonly ? 1 : 0]);
      mod.ccall('gofast_set_panels', null, ['string'], [embed.panels.join(',')]);
    }
    let v = await viewFromHash(location.hash);
    if (!v && !embed) v = savedView();  // R3: what the learner typed survives a reload
    if (v) {
      applyView(mod, v);
      if (v.run && !applyRun(mod, v.run)) console.warn('gofast: the run in this link could not be started');
    }
    if (!embed) keepSaving(mod);
    mod.gofastReady = true;  // the link (if any) is applied
    loading.remove();
    if (embed) startEmbed(mod);
    else canvas.focus();  // an embed never takes the focus from its host page
  }).catch((err) => fatal('gofast failed to start: ' + err));

  // ---- the editor's text survives a reload (SPEC R3) ----
  // Every second the full app stores its view in localStorage when the program was edited; a page
  // opened without a share link restores it. Embeds never store anything in their host's origin.
  const SAVE_KEY = 'gofast.view.v1';
  function savedView() {
    try {
      const raw = window.localStorage.getItem(SAVE_KEY);
      if (!raw) return null;
      const s = JSON.parse(raw);
      if (typeof s !== 'object' || s === null || typeof s.chapter !== 'string' || typeof s.program !== 'string') return null;
      return { chapter: s.chapter, example: Number.isInteger(s.example) ? s.example : -1, inlining: s.inlining !== false,
               dark: typeof s.dark === 'boolean' ? s.dark : null, hasProgram: !!s.hasProgram, program: s.program };
    } catch (err) {
      return null;  // storage unavailable (private mode) or garbage: start fresh
    }
  }
  function keepSaving(mod) {
    let last = '';
    setInterval(() => {
      try {
        const s = viewState(mod);
        if (!s.hasProgram) return;
        delete s.run;  // the program is kept, not where a run of it was
        const raw = JSON.stringify(s);
        if (raw !== last) { window.localStorage.setItem(SAVE_KEY, raw); last = raw; }
      } catch (err) { /* storage full or unavailable: nothing to do */ }
    }, 1000);
  }

  // ---- embed mode: the postMessage protocol (docs/embedding.md) ----
  // Every message is a plain object {protocol: 'gofast', version: 1, id, type, ...}. Messages from
  // any origin but the trusted one, for another embed, or not matching the schema below are ignored;
  // nothing in a message is ever evaluated or turned into HTML.
  function startEmbed(mod) {
    const PROTOCOL = 'gofast', VERSION = 1;
    const chapters = JSON.parse(mod.ccall('gofast_chapters', 'string', [], []));
    const counters = { handled: 0, ignored: 0, untrusted: 0 };
    window.gofastEmbed = { options: embed, counters: counters };  // for tests and the curious
    const appBase = location.origin + location.pathname;
    let ready = false, lastSummary = '';

    // "Open in gofast": the full app with the same view, in a new tab.
    const open = document.createElement('a');
    open.id = 'gofast-open';
    open.textContent = 'Open in gofast \u2197';
    open.target = '_blank';
    open.rel = 'noopener';
    open.href = appBase;
    const refreshLink = () => linkFor(mod, appBase).then((url) => { open.href = url; }, () => {});
    open.addEventListener('pointerenter', refreshLink);
    open.addEventListener('focus', refreshLink);
    open.addEventListener('click', (e) => {
      e.preventDefault();
      linkFor(mod, appBase).then((url) => { open.href = url; window.open(url, '_blank', 'noopener'); });
    });
    document.body.appendChild(open);
    // Clicking in focuses the explainer (keys then go to it, and only then).
    canvas.addEventListener('pointerdown', () => canvas.focus());

    function post(type, fields) {
      if (!embed.trusted || window.parent === window) return;
      const msg = Object.assign({ protocol: PROTOCOL, version: VERSION, id: embed.id, type: type }, fields);
      window.parent.postMessage(msg, embed.trusted);
    }
    // The state summary of every event: the view, and where the run is (position = instructions
    // executed; goroutine and line of the last instruction; output = bytes printed so far).
    function summary() {
      const s = viewState(mod);
      const st = mod.gofastState || {};
      const r = s.run;
      return { step: r ? r.position : 0, position: r ? r.position : 0, goroutine: r ? r.goroutine : 0, line: r ? r.line : 0,
        output: r ? r.output : 0, running: !!r && !r.finished, finished: !!r && r.finished, playing: !!r && r.playing,
        chapter: s.chapter, example: s.example, inlining: s.inlining, theme: s.dark ? 'dark' : 'light',
        readonly: embed.readonly, edited: s.hasProgram, status: st.status || '', exitStatus: r ? r.exitStatus : 0 };
    }
    let wasFinished = false;
    // Posts `step` when the state changed; after a player command always, with the command's seq.
    function stateChanged(seq) {
      const sum = summary();
      document.documentElement.classList.toggle('light', sum.theme === 'light');
      const key = JSON.stringify(sum);
      if (key === lastSummary && seq === undefined) return;
      lastSummary = key;
      if (!ready) return;
      post('step', seq === undefined ? { state: sum } : { state: sum, seq: seq });
      if (sum.finished && !wasFinished) post('exit', { state: sum, code: sum.exitStatus });
      wasFinished = sum.finished;
    }
    mod.gofastOnState = () => Promise.resolve().then(() => stateChanged());
    const afterFrames = (n, fn) => (n <= 0 ? fn() : requestAnimationFrame(() => afterFrames(n - 1, fn)));

    // The player commands go to the app in one place (App::control); chapters that run no program
    // (values, calls, escape) answer "unsupported".
    const UNITS = ['instruction', 'line', 'switch', 'growth', 'gc'];
    function control(command, count, seq, unit) {
      const rc = mod.ccall('gofast_control', 'number', ['string', 'string', 'number'], [command, unit || 'line', count]);
      if (rc === 1) post('error', { code: 'unsupported', command: command, seq: seq, message: command + ': this chapter runs no program' });
      else if (rc === 2) post('error', { code: 'bad-request', command: command, seq: seq, message: command + ': invalid argument' });
      else stateChanged(seq === undefined ? null : seq);  // where this command left the run, before any frame plays on
    }

    const isInt = (x, min, max) => Number.isInteger(x) && x >= min && x <= max;
    const optional = (x, check) => x === undefined || check(x);
    const known = (x) => typeof x === 'string' && chapters.includes(x);
    const options = {
      chapter: known,
      example: (x) => isInt(x, 0, 1000),
      inlining: (x) => typeof x === 'boolean',
      theme: (x) => x === 'dark' || x === 'light',
      readonly: (x) => typeof x === 'boolean',
    };
    // Returns true if the message is well formed (and then acts on it).
    function handle(d) {
      if (d === null || typeof d !== 'object' || Array.isArray(d)) return false;
      if (d.protocol !== PROTOCOL || d.version !== VERSION || d.id !== embed.id || typeof d.type !== 'string') return false;
      if (!optional(d.seq, (x) => isInt(x, 0, Number.MAX_SAFE_INTEGER))) return false;
      const v = viewState(mod);
      switch (d.type) {
        case 'load': {
          const hasProgram = typeof d.program === 'string';
          if (hasProgram === (d.example !== undefined)) return false;  // exactly one of program, example
          if (hasProgram && d.program.length > MAX_PROGRAM_BYTES) return false;
          if (!hasProgram && !options.example(d.example)) return false;
          if (!optional(d.chapter, known)) return false;
          // A program goes to the current chapter if it shows code (App::analysisChapter), else the playground.
          const withCode = ['values', 'calls', 'escape', 'playground'];
          const chapter = d.chapter || (hasProgram && !withCode.includes(v.chapter) ? 'playground' : v.chapter);
          applyView(mod, { chapter: chapter, example: hasProgram ? -1 : d.example, inlining: v.inlining, dark: v.dark,
            program: hasProgram ? d.program : '', hasProgram: hasProgram });
          break;
        }
        case 'play':
        case 'pause':
          control(d.type, 0, d.seq);
          break;
        case 'step':
        case 'back':
          if (!optional(d.count, (x) => isInt(x, 1, 1e6))) return false;
          if (!optional(d.unit, (x) => UNITS.includes(x))) return false;
          control(d.type, d.count === undefined ? 1 : d.count, d.seq, d.unit);
          break;
        case 'seek': {
          // `position` (instructions executed); `step` is its version-1 name, still accepted.
          const pos = d.position !== undefined ? d.position : d.step;
          if (!isInt(pos, 0, 2147483647)) return false;
          control('seek', pos, d.seq);
          break;
        }
        case 'setOption': {
          const check = Object.prototype.hasOwnProperty.call(options, d.name) ? options[d.name] : null;
          if (!check || !check(d.value)) return false;
          if (d.name === 'readonly') {
            embed.readonly = d.value;
            mod.ccall('gofast_set_embed', null, ['number', 'number'], [1, d.value ? 1 : 0]);
            break;
          }
          // example -1 and no program: the chapter keeps its example, edits and selected note.
          const next = { chapter: v.chapter, example: -1, inlining: v.inlining, dark: v.dark, program: '', hasProgram: false };
          if (d.name === 'chapter') next.chapter = d.value;
          if (d.name === 'example') next.example = d.value;
          if (d.name === 'inlining') next.inlining = d.value;
          if (d.name === 'theme') next.dark = d.value === 'dark';
          applyView(mod, next);
          break;
        }
        default:
          return false;
      }
      return true;
    }
    window.addEventListener('message', (e) => {
      if (!embed.trusted || e.origin !== embed.trusted) { counters.untrusted++; return; }
      if (!handle(e.data)) { counters.ignored++; return; }
      counters.handled++;
      afterFrames(2, stateChanged);
    });

    // Ready once the view from the link is drawn.
    afterFrames(3, () => {
      const sum = summary();
      lastSummary = JSON.stringify(sum);
      ready = true;
      post('ready', { state: sum, chapters: chapters, player: true, units: UNITS });
      if (embed.step > 0) control('seek', embed.step, undefined);
      if (embed.autoplay) control('play', 0, undefined);
      refreshLink();
    });
  }
})();
