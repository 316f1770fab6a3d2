/* Leaving the article form with unsaved changes asks first (the browser's own dialog). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.getElementById("article_form");
  if (!form) {
    return;
  }
  var dirty = false;
  var submitting = false;
  function changed() {
    dirty = true;
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // An image dropped into the Markdown editor changes the text without an input event
  // (its event does not bubble: listen while it travels down).
  form.addEventListener("markdownx.fileUploadEnd", changed, true);
  form.addEventListener("submit", function () {
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});
