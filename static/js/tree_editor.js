// The tree editor's page script. Previews and the live diagram are plain htmx attributes;
// this file asks before destructive buttons (delete a node, discard the draft) and, like
// static/js/editor.js, before leaving the page with unsaved changes.
(function () {
  "use strict";
  const form = document.querySelector("form[data-unsaved-warning]");
  if (!form) {
    return;
  }
  // A re-shown form (validation error, edit conflict) holds changes that are not saved yet.
  let dirty = form.hasAttribute("data-dirty");
  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("submit", function (event) {
    const button = event.submitter;
    const question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
