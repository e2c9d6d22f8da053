// gofast embeds for tutorial pages (SPEC F6; docs/embedding.md is the author's guide).
//
//   <script src="https://YOUR-GOFAST-SITE/embed.js"></script>
//   const demo = GoFast.embed(document.getElementById('demo'), { chapter: 'escape', example: 1 });
//   demo.on('step', (state) => console.log(state.status));
//   demo.setOption('inlining', false);
//
// GoFast.embed inserts an iframe with the app (index.html next to this file) in embed mode and returns
// a controller that talks to it with postMessage. Messages carry {protocol: 'gofast', version: 1, id};
// this side accepts only messages from the app's origin and that embed's own frame, and never
// evaluates anything it receives. Several embeds on one page are independent (each has its own id).
(function (global) {
  'use strict';
  if (global.GoFast && global.GoFast.embed) return;  // the script was included twice
  const PROTOCOL = 'gofast', VERSION = 1;
  const EVENTS = ['ready', 'step', 'exit', 'error'];
  const THEMES = ['dark', 'light', 'auto'];
  const UNITS = ['instruction', 'line', 'switch', 'growth', 'gc'];  // step and back (api::Session::StepUnit)
  // Panel ids (a chapter shows those it has; docs/embedding.md lists them per chapter).
  const PANELS = ['narration', 'examples', 'controls', 'code', 'compiler', 'layout', 'footprint', 'run', 'threads', 'scheduler',
    'heap', 'space', 'timeline', 'frames'];
  // setOption names and their values (the explainer checks them again, and knows the chapter ids).
  const SETTABLE = {
    chapter: (v) => typeof v === 'string',
    example: (v) => Number.isInteger(v) && v >= 0,
    inlining: (v) => typeof v === 'boolean',
    theme: (v) => v === 'dark' || v === 'light',
    readonly: (v) => typeof v === 'boolean',
  };
  const OPTIONS = ['program', 'example', 'chapter', 'panels', 'step', 'autoplay', 'speed', 'height', 'theme',
    'readonly', 'inlining', 'trustedOrigin'];

  // The app lives next to this script.
  const script = document.currentScript;
  const appUrl = new URL('index.html', script && script.src ? script.src : location.href);
  const appOrigin = appUrl.origin;

  const controllers = new Map();  // embed id -> controller
  let counter = 0;
  function newId() {
    const rnd = global.crypto && global.crypto.getRandomValues ? global.crypto.getRandomValues(new Uint32Array(1))[0]
      : Math.floor(Math.random() * 1e9);
    return 'gofast-' + (++counter) + '-' + rnd.toString(36);
  }

  global.addEventListener('message', (e) => {
    if (e.origin !== appOrigin) return;
    const d = e.data;
    if (d === null || typeof d !== 'object' || d.protocol !== PROTOCOL || d.version !== VERSION || typeof d.id !== 'string') return;
    const c = controllers.get(d.id);
    if (!c || e.source !== c.iframe.contentWindow || !EVENTS.includes(d.type)) return;
    c._receive(d);
  });

  function fail(msg) { throw new TypeError('GoFast.embed: ' + msg); }
  const isInt = (x, min) => Number.isInteger(x) && x >= min;

  function checkOptions(o) {
    if (o === null || typeof o !== 'object') fail('options must be an object');
    for (const k of Object.keys(o)) if (!OPTIONS.includes(k)) fail('unknown option "' + k + '"');
    if (o.program !== undefined && o.example !== undefined) fail('give program or example, not both');
    if (o.program !== undefined && typeof o.program !== 'string') fail('program must be a string');
    if (o.example !== undefined && !isInt(o.example, 0)) fail('example must be an index (0, 1, ...)');
    if (o.chapter !== undefined && !(typeof o.chapter === 'string' && /^[a-z]{1,32}$/.test(o.chapter))) fail('chapter must be a chapter id like "escape"');
    if (o.panels !== undefined && !(Array.isArray(o.panels) && o.panels.every((p) => PANELS.includes(p)))) fail('panels must be a list of ' + PANELS.join(', '));
    if (o.step !== undefined && !isInt(o.step, 0)) fail('step must be a step number (0, 1, ...)');
    if (o.autoplay !== undefined && typeof o.autoplay !== 'boolean') fail('autoplay must be true or false');
    if (o.speed !== undefined && !(typeof o.speed === 'number' && o.speed >= 0.25 && o.speed <= 16)) fail('speed must be a number from 0.25 to 16');
    if (o.height !== undefined && !((typeof o.height === 'number' && o.height >= 120 && o.height <= 4000) ||
        (typeof o.height === 'string' && /^\d+(\.\d+)?(px|em|rem|vh)$/.test(o.height)))) fail('height must be pixels (a number) or a CSS length like "30em"');
    if (o.theme !== undefined && !THEMES.includes(o.theme)) fail('theme must be "dark", "light" or "auto"');
    if (o.readonly !== undefined && typeof o.readonly !== 'boolean') fail('readonly must be true or false');
    if (o.inlining !== undefined && typeof o.inlining !== 'boolean') fail('inlining must be true or false');
    if (o.trustedOrigin !== undefined && !(typeof o.trustedOrigin === 'string' && isOrigin(o.trustedOrigin))) fail('trustedOrigin must be an origin like "https://example.org"');
  }
  function isOrigin(s) {
    try { const u = new URL(s); return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s; } catch (e) { return false; }
  }

  // The program travels in the URL hash like a share link: deflate-raw, base64url.
  async function encodeProgram(text) {
    const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  async function frameUrl(id, o) {
    const q = new URLSearchParams();
    q.set('embed', '1');
    q.set('id', id);
    q.set('origin', o.trustedOrigin || location.origin);
    if (o.readonly) q.set('ro', '1');
    if (o.panels) q.set('panels', o.panels.join(','));
    if (o.autoplay) q.set('autoplay', '1');
    if (o.speed !== undefined) q.set('speed', String(o.speed));
    if (o.step) q.set('s', String(o.step));
    const h = new URLSearchParams();
    h.set('v', '1');
    h.set('c', o.chapter || (o.program !== undefined ? 'playground' : 'values'));
    if (o.example !== undefined) h.set('e', String(o.example));
    if (o.inlining !== undefined) h.set('l', o.inlining ? '1' : '0');
    if (o.theme === 'dark' || o.theme === 'light') h.set('t', o.theme);
    let sendProgram = false;
    if (o.program !== undefined) {
      if (typeof CompressionStream === 'function') h.set('p', await encodeProgram(o.program));
      else sendProgram = true;  // an older browser: the program follows in a load message
    }
    return { url: appUrl.href + '?' + q.toString() + '#' + h.toString(), sendProgram: sendProgram };
  }

  // GoFast.embed(element | selector, options) → controller.
  function embed(target, options) {
    const element = typeof target === 'string' ? document.querySelector(target) : target;
    if (!element || typeof element.appendChild !== 'function') fail('no element ' + String(target));
    const o = Object.assign({}, options || {});
    checkOptions(o);
    const id = newId();
    const iframe = document.createElement('iframe');
    iframe.title = 'gofast explainer' + (o.chapter ? ' (' + o.chapter + ')' : '');
    iframe.className = 'gofast-embed';
    // The host page stays in charge: no top navigation, no downloads, no forms; popups only for
    // "Open in gofast".
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.border = '0';
    const h = o.height !== undefined ? o.height : element.clientHeight >= 120 ? element.clientHeight : 480;
    iframe.style.height = typeof h === 'number' ? h + 'px' : h;

    const handlers = { ready: [], step: [], exit: [], error: [] };
    const queue = [];
    let seq = 0, isReady = false;
    const controller = {
      id: id,
      element: element,
      iframe: iframe,
      state: null,  // the last state summary ({position, goroutine, line, output, running, finished, playing, chapter, ...})
      ready: null,  // a promise of the first state
      on(event, fn) {
        if (!EVENTS.includes(event)) fail('no event "' + event + '" (' + EVENTS.join(', ') + ')');
        if (typeof fn !== 'function') fail('on() needs a function');
        handlers[event].push(fn);
        return () => { const i = handlers[event].indexOf(fn); if (i >= 0) handlers[event].splice(i, 1); };
      },
      load(what) {
        const w = what || {};
        if ((w.program === undefined) === (w.example === undefined)) fail('load() needs program or example');
        if (w.program !== undefined && typeof w.program !== 'string') fail('program must be a string');
        if (w.example !== undefined && !isInt(w.example, 0)) fail('example must be an index');
        const m = w.program !== undefined ? { program: w.program } : { example: w.example };
        if (w.chapter !== undefined) m.chapter = w.chapter;
        return send('load', m);
      },
      play() { return send('play', {}); },
      pause() { return send('pause', {}); },
      // step(count?, unit?) or step({count, unit}); unit: 'instruction', 'line' (default), 'switch',
      // 'growth' or 'gc'.
      step(count, unit) { return send('step', stepArgs(count, unit)); },
      back(count, unit) { return send('back', stepArgs(count, unit)); },
      seek(position) {
        if (!isInt(position, 0) || position > 2147483647) fail('seek() needs a position (instructions executed: 0, 1, ...)');
        return send('seek', { position: position });
      },
      setOption(name, value) {
        if (!Object.prototype.hasOwnProperty.call(SETTABLE, name)) fail('setOption: no option "' + name + '" (' + Object.keys(SETTABLE).join(', ') + ')');
        if (!SETTABLE[name](value)) fail('setOption: bad value for ' + name + ': ' + String(value));
        return send('setOption', { name: name, value: value });
      },
      destroy() {
        controllers.delete(id);
        iframe.remove();
      },
      _receive(d) {
        if (d.state && typeof d.state === 'object') controller.state = d.state;
        if (d.type === 'ready' && !isReady) {
          isReady = true;
          resolveReady(controller.state);
          while (queue.length) iframe.contentWindow.postMessage(queue.shift(), appOrigin);
        }
        for (const fn of handlers[d.type].slice()) {
          // step: fn(state, seq), seq being the command's whose result it is (null otherwise).
          const seqOf = Number.isInteger(d.seq) ? d.seq : null;
          try {
            if (d.type === 'error') fn({ code: d.code, command: d.command, seq: d.seq, message: d.message });
            else fn(controller.state, seqOf);
          } catch (err) { setTimeout(() => { throw err; }); }
        }
      },
    };
    function stepArgs(count, unit) {
      if (count !== null && typeof count === 'object') return stepArgs(count.count, count.unit);
      const m = {};
      if (count !== undefined) {
        if (!isInt(count, 1) || count > 1e6) fail('step()/back() count must be from 1 to 1000000');
        m.count = count;
      }
      if (unit !== undefined) {
        if (!UNITS.includes(unit)) fail('step()/back() unit must be one of ' + UNITS.join(', '));
        m.unit = unit;
      }
      return m;
    }
    let resolveReady;
    controller.ready = new Promise((res) => { resolveReady = res; });
    // Sends one host → explainer message (queued until the explainer is ready); returns its seq.
    function send(type, fields) {
      const msg = Object.assign({ protocol: PROTOCOL, version: VERSION, id: id, type: type, seq: ++seq }, fields);
      if (isReady) iframe.contentWindow.postMessage(msg, appOrigin);
      else queue.push(msg);
      return msg.seq;
    }
    controllers.set(id, controller);
    frameUrl(id, o).then((f) => {
      iframe.src = f.url;
      element.appendChild(iframe);
      if (f.sendProgram) controller.load({ program: o.program, chapter: o.chapter || 'playground' });
    });
    return controller;
  }

  global.GoFast = Object.assign(global.GoFast || {}, { embed: embed, protocolVersion: VERSION });
})(window);
