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

  function renumber() {
    rows().forEach(function (row, index) {
      var position = row.querySelector('input[name$="-position"]');
      if (position) {
        position.value = String(index);
      }
      nameCombobox(row, index);
    });
  }

  // Each author select is named for screen readers: "Author 2 Hannah Whitfield". select2's
  // inner text box (a read-only "textbox" without a name) becomes plain text of that name.
  function nameCombobox(row, index) {
    var combobox = row.querySelector(".select2-selection");
    var rendered = row.querySelector(".select2-selection__rendered");
    if (!combobox || !rendered) {
      return;
    }
    var label = row.querySelector(".byline-label");
    if (!label) {
      label = document.createElement("span");
      label.className = "byline-label visually-hidden";
      label.id = row.id + "-label";
      row.querySelector("td.field-author").prepend(label);
    }
    var name = labels.dataset.author + " " + (index + 1);
    if (label.textContent !== name) {
      label.textContent = name;
    }
    rendered.removeAttribute("role");
    rendered.removeAttribute("aria-readonly");
    combobox.setAttribute("aria-labelledby", label.id + " " + rendered.id);
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
      // select2 is set up on the new row right after this event.
      window.setTimeout(renumber, 0);
    }
  });
  var form = group.closest("form");
  if (form) {
    form.addEventListener("submit", renumber);
  }
  // On load the admin's own scripts have made the author selects select2 widgets; one that
  // select2 builds later (a slow machine, a row added) is named as soon as it appears.
  rows().forEach(addButtons);
  renumber();
  new MutationObserver(function () {
    rows().forEach(nameCombobox);
  }).observe(group, { childList: true, subtree: true });
});
