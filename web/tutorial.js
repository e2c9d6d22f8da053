// The example tutorial page (web/tutorial.html): three gofast embeds, and page buttons that drive the
// second one (options) and the third one (the player) through their controllers (web/embed.js; protocol in docs/embedding.md).
(function () {
  'use strict';
  const height = (id) => Number(document.getElementById(id).dataset.height) || 460;
  const escape = GoFast.embed(document.getElementById('embed-escape'),
    { chapter: 'escape', example: 0, readonly: true, height: height('embed-escape') });
  const inlining = GoFast.embed(document.getElementById('embed-inlining'),
    { chapter: 'calls', example: 0, theme: 'dark', readonly: true, height: height('embed-inlining') });
  const goroutines = GoFast.embed(document.getElementById('embed-goroutines'),
    { chapter: 'goroutines', example: 0, panels: ['controls', 'code', 'scheduler', 'run'], height: height('embed-goroutines') });
  window.tutorialEmbeds = { escape: escape, inlining: inlining, goroutines: goroutines };  // for tests

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

  // Section 3: the player's commands (step and back by goroutine switch, seek to the start).
  const readoutRun = document.getElementById('readout-run');
  const showRun = (state) => {
    if (!state) return;
    readoutRun.textContent = !state.running && !state.finished ? 'Not started.'
      : state.finished ? 'The program ended after ' + state.position + ' instructions.'
      : 'G' + state.goroutine + (state.line > 0 ? ' on line ' + state.line : ' in the runtime') + ', after ' +
        state.position + ' instructions.';  // text only
  };
  goroutines.on('step', showRun);
  goroutines.on('error', (e) => { readoutRun.textContent = 'The explainer said: ' + e.message; });
  document.getElementById('btn-switch').addEventListener('click', () => goroutines.step(1, 'switch'));
  document.getElementById('btn-back').addEventListener('click', () => goroutines.back(1, 'switch'));
  document.getElementById('btn-start').addEventListener('click', () => goroutines.seek(0));
  btnInlining.addEventListener('click', () => inlining.setOption('inlining', !inliningOn));
  btnTheme.addEventListener('click', () => inlining.setOption('theme', dark ? 'light' : 'dark'));
})();
