// Starts the gofast WebAssembly app on the page's canvas. No eval, no inline script (R4).
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
  // A lost WebGL context cannot be recovered by ImGui's renderer: say so instead of freezing.
  canvas.addEventListener('webglcontextlost', (e) => { e.preventDefault(); fatal('The graphics context was lost. Reload the page to continue.'); });
  createGoFast({
    canvas: canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  }).then((mod) => {
    window.gofast = mod;  // for the page's own scripts and tests: gofast.gofastState
    loading.remove();
    canvas.focus();
  }).catch((err) => fatal('gofast failed to start: ' + err));
})();
