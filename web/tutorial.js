// The example tutorial page (web/tutorial.html): three gofast embeds, and page buttons that drive the
// second one through its controller (web/embed.js; protocol in docs/embedding.md).
(function () {
  'use strict';
  const height = (id) => Number(document.getElementById(id).dataset.height) || 460;
  const escape = GoFast.embed(document.getElementById('embed-escape'),
    { chapter: 'escape', example: 0, readonly: true, height: height('embed-escape') });
  const inlining = GoFast.embed(document.getElementById('embed-inlining'),
    { chapter: 'calls', example: 0, theme: 'dark', readonly: true, height: height('embed-inlining') });
  const playground = GoFast.embed(document.getElementById('embed-playground'),
    { chapter: 'playground', height: height('embed-playground') });
  window.tutorialEmbeds = { escape: escape, inlining: inlining, playground: playground };  // for tests

  const btnExample = document.getElementById('btn-example');
  const btnInlining = document.getElementById('btn-inlining');
  const btnTheme = document.getElementById('btn-theme');
  const readout = document.getElementById('readout');
  const EXAMPLES = 3;  // the calls chapter's examples (assets/examples/calls)
  let example = 0, inliningOn = true, dark = true;

  function show(state) {
    if (!state) return;
    inliningOn = state.inlining;
    dark = state.theme === 'dark';
    if (state.example >= 0) example = state.example;
    btnInlining.textContent = 'Inlining: ' + (inliningOn ? 'on' : 'off');
    btnInlining.setAttribute('aria-pressed', inliningOn ? 'true' : 'false');
    btnTheme.textContent = 'Theme: ' + (dark ? 'dark' : 'light');
    readout.textContent = state.status;  // text only
  }
  inlining.on('ready', show);
  inlining.on('step', show);
  inlining.on('error', (e) => { readout.textContent = 'The explainer said: ' + e.message; });

  btnExample.addEventListener('click', () => inlining.setOption('example', (example + 1) % EXAMPLES));
  btnInlining.addEventListener('click', () => inlining.setOption('inlining', !inliningOn));
  btnTheme.addEventListener('click', () => inlining.setOption('theme', dark ? 'light' : 'dark'));
})();
