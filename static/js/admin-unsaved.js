/* Leaving the article form with unsaved changes asks first: the browser's own dialog when the
   page is left, a question when a button that does not save the form is pressed (unpublish,
   archive). */
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
  var texts = document.getElementById("article-form-texts");
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (dirty && button && button.hasAttribute("data-discards-changes") && texts &&
        !window.confirm(texts.dataset.discards)) {
      event.preventDefault();
      return;
    }
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});
