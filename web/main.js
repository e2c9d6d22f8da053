// Starts the gofast WebAssembly app on the page's canvas, and keeps share links (SPEC F6).
// No eval, no inline script, no HTML built from data (R4): program text only ever travels as data
// (URL hash → DecompressionStream → a UTF-8 string argument of an exported C function).
//
// Share link format (the URL hash, all parts optional):
//   #v=1&c=<chapter id>&e=<example index>&l=<1 inlining on | 0 off>&t=<dark|light>&p=<program>
// where <program> is the program text compressed with deflate-raw (CompressionStream) and encoded
// as base64url. `p` is present only when the program differs from the chapter's example.
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
    const v = { chapter: q.get('c') || 'values', example: -1, inlining: q.get('l') !== '0', dark: null, hasProgram: false, program: '' };
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

  async function linkFor(mod) {
    const s = viewState(mod);
    const q = new URLSearchParams();
    q.set('v', '1');
    q.set('c', s.chapter);
    if (s.example >= 0) q.set('e', String(s.example));
    q.set('l', s.inlining ? '1' : '0');
    q.set('t', s.dark ? 'dark' : 'light');
    if (s.hasProgram) q.set('p', await encodeProgram(s.program));
    return location.href.replace(/#.*$/, '') + '#' + q.toString();
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
    mod.gofastViewState = () => viewState(mod);
    mod.gofastLink = () => linkFor(mod);
    mod.gofastEncodeProgram = encodeProgram;
    const v = await viewFromHash(location.hash);
    if (v) applyView(mod, v);
    mod.gofastReady = true;  // the link (if any) is applied
    loading.remove();
    canvas.focus();
  }).catch((err) => fatal('gofast failed to start: ' + err));
})();
