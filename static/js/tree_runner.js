// The tree runner's page script: number keys press the numbered buttons (1-9 choose an
// answer, or Yes/No at an outcome) and B presses Back (on the start page opened from the search
// results: the link back to them). The buttons are ordinary POST forms and links, so the runner
// works the same without this file.
(function () {
  "use strict";
  let sent = false;
  document.addEventListener("keydown", function (event) {
    if (sent || event.repeat || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    const key = event.key.toLowerCase();
    if (!/^[1-9b]$/.test(key)) {
      return;
    }
    const button = document.querySelector('[data-key="' + key + '"]:not([disabled])');
    if (!button) {
      return;
    }
    event.preventDefault();
    // One key press, one answer: a second press before the next page loads is ignored.
    sent = true;
    button.classList.add("is-pressed");
    button.click();
  });
  // Coming back through the browser's history shows the page from its cache: allow keys again.
  window.addEventListener("pageshow", function () {
    sent = false;
  });
})();
