// The conflict queue: the header checkbox ticks or clears every report on the page. Without this
// script the checkbox stays hidden and each report is ticked on its own.
(function () {
  "use strict";
  const all = document.getElementById("select-all-reports");
  const form = document.getElementById("bulk-dismiss");
  if (!all || !form) {
    return;
  }
  const boxes = () => Array.from(form.querySelectorAll('input[name="reports"]'));
  const sync = () => {
    const ticked = boxes().filter((box) => box.checked).length;
    all.checked = ticked > 0 && ticked === boxes().length;
    all.indeterminate = ticked > 0 && ticked < boxes().length;
  };
  all.hidden = false;
  all.addEventListener("change", () => {
    boxes().forEach((box) => {
      box.checked = all.checked;
    });
  });
  form.addEventListener("change", (event) => {
    if (event.target !== all) {
      sync();
    }
  });
  sync();
})();
