/* The byline inline of the article form: authors are put in order with up/down buttons.
   Each row's hidden "position" follows the order of the rows, so nobody types numbers. */
/* Loaded in the page's head (admin media): everything waits until the page has loaded. */
window.addEventListener("load", function () {
  "use strict";
  var group = document.getElementById("authorships-group");
  var labels = document.getElementById("article-form-texts");
  if (!group || !labels) {
    return;
  }

  function rows() {
    return Array.prototype.slice.call(group.querySelectorAll("tr.form-row:not(.empty-form)"));
  }

  // The author selects are named by admin-field-names.js ("Author 2 Hannah Whitfield"),
  // numbered in the order of the rows, which it follows as they move.
  function renumber() {
    rows().forEach(function (row, index) {
      var position = row.querySelector('input[name$="-position"]');
      if (position) {
        position.value = String(index);
      }
    });
  }

  function move(row, direction) {
    var list = rows();
    var index = list.indexOf(row);
    if (direction === "up" && index > 0) {
      list[index - 1].before(row);
    } else if (direction === "down" && index < list.length - 1) {
      list[index + 1].after(row);
    }
    renumber();
    row.querySelector(".byline-" + direction).focus();
    row.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function addButtons(row) {
    var cell = row.querySelector("td.field-author");
    // Read-only rows (someone else's article) have no select and get no buttons.
    if (!cell || !cell.querySelector("select") || cell.querySelector(".byline-move")) {
      return;
    }
    var wrap = document.createElement("span");
    wrap.className = "byline-move";
    [["up", labels.dataset.up, "\u2191"], ["down", labels.dataset.down, "\u2193"]].forEach(
      function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button byline-" + spec[0];
        button.textContent = spec[2];
        button.title = spec[1];
        button.setAttribute("aria-label", spec[1]);
        button.addEventListener("click", function () {
          move(row, spec[0]);
        });
        wrap.appendChild(button);
      }
    );
    cell.appendChild(wrap);
  }

  document.addEventListener("formset:added", function (event) {
    if (group.contains(event.target)) {
      addButtons(event.target);
      renumber();
    }
  });
  var form = group.closest("form");
  if (form) {
    form.addEventListener("submit", renumber);
  }
  rows().forEach(addButtons);
  renumber();
});
