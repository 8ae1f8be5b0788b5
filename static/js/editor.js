// The article editor's page script. The live preview is plain htmx attributes; this file only
// guards against losing typed text: leaving the page with unsaved changes asks first.
(function () {
  "use strict";
  const form = document.querySelector("form[data-unsaved-warning]");
  if (!form) {
    return;
  }
  // A re-shown form (validation error, edit conflict) holds text that is not saved yet.
  let dirty = form.hasAttribute("data-dirty");
  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
