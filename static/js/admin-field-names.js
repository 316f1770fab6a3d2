/* Every field of an admin form says what it is, for screen readers (and axe), also where the
   admin leaves it unnamed:
   - select2 autocompletes: select2 names its combobox only by what is chosen (nothing while
     empty) and adds a read-only "textbox" without a name. The combobox is named by the
     field's label, then the choice ("Series: Zehn Spielregeln"); its help text describes it,
     the inner text is plain text, the clear button's "×" stays out of the name, and the open
     dropdown's search box and list are named like the combobox.
   - rows of a tabular inline, where no field has a label of its own: each control is named by
     its column's visible heading and the row's number ("Related article 2", "Position 2",
     "Author 1"), the number read before the row's first cell; the numbers follow the
     rows as they are added, removed or moved (the byline's up/down buttons).
   All names are the page's own text. select2 builds its widgets when the admin's scripts run
   and again for every row added: a MutationObserver names whatever appears, whenever. */
(function () {
  "use strict";

  var CONTROLS = "input:not([type=hidden]), select, textarea";

  function setAttribute(element, name, value) {
    if (value === null) {
      element.removeAttribute(name);
    } else if (element.getAttribute(name) !== value) {
      element.setAttribute(name, value);
    }
  }

  function labelFor(control) {
    return control.id ? document.querySelector('label[for="' + control.id + '"]') : null;
  }

  // The visible heading of the column `cell` is in: the text of a tabular inline's
  // <th class="column-…">, put in a span of its own so that the heading's help icon stays
  // out of the name. Null if there is none.
  function columnHeading(cell, table) {
    var group = table.closest(".inline-group[id]");
    var field = Array.prototype.find.call(cell.classList, function (name) {
      return name.indexOf("field-") === 0;
    });
    var column = field && field.slice("field-".length);
    var th = column && table.tHead && table.tHead.querySelector("th.column-" + column);
    if (!group || !th || !th.textContent.trim()) {
      return null;
    }
    var text = th.querySelector(":scope > .column-label");
    if (!text) {
      text = document.createElement("span");
      text.className = "column-label";
      text.id = group.id + "-" + column + "-label";
      Array.prototype.slice.call(th.childNodes).forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          text.appendChild(node);
        }
      });
      text.textContent = text.textContent.trim();
      th.prepend(text);
    }
    return text;
  }

  // The row's number, in a hidden text of the row's first cell (made, or renumbered).
  function rowNumber(row) {
    var rows = Array.prototype.slice.call(
      row.parentElement.querySelectorAll(":scope > tr.form-row:not(.empty-form)")
    );
    var number = String(rows.indexOf(row) + 1);
    var text = row.cells[0].querySelector(":scope > .row-number");
    if (!text) {
      text = document.createElement("span");
      text.className = "row-number visually-hidden";
      row.cells[0].prepend(text);
    }
    // Django renumbers the ids in a row when an earlier one is removed: follow the row's.
    setAttribute(text, "id", row.id + "-number");
    if (text.textContent !== number) {
      text.textContent = number;
    }
    return text;
  }

  // The ids of what names `control`: its <label> (given an id if it has none), or in a
  // tabular inline's row its column's heading and the row's number. Empty: nothing found.
  function nameIds(control) {
    var label = labelFor(control);
    if (label) {
      if (!label.id) {
        label.id = control.id + "-label";
      }
      return [label.id];
    }
    var cell = control.closest("td");
    var row = control.closest(".tabular tr.form-row:not(.empty-form)");
    if (!cell || !row || !row.id) {
      return [];
    }
    var heading = columnHeading(cell, row.closest("table"));
    return heading ? [heading.id, rowNumber(row).id] : [];
  }

  function nameAutocomplete(select) {
    var container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2")) {
      return; // not built yet: the observer comes back when select2 has built it
    }
    var combobox = container.querySelector(".select2-selection");
    var rendered = container.querySelector(".select2-selection__rendered");
    var ids = nameIds(select);
    if (!combobox || !rendered || !ids.length) {
      return;
    }
    rendered.removeAttribute("role");
    rendered.removeAttribute("aria-readonly");
    container.querySelectorAll(".select2-selection__clear").forEach(function (clear) {
      setAttribute(clear, "aria-hidden", "true");
    });
    setAttribute(combobox, "aria-labelledby", ids.concat(rendered.id).join(" "));
    setAttribute(combobox, "aria-describedby", select.getAttribute("aria-describedby"));
    setAttribute(combobox, "aria-invalid", select.getAttribute("aria-invalid"));
    setAttribute(combobox, "aria-required", select.required ? "true" : null);
  }

  // A tabular inline's other controls (a position): named by column and row unless they have
  // a name of their own (Django names the checkbox that deletes a row).
  function nameRowControl(control) {
    var ours = control.hasAttribute("data-named-by-row");
    var named = labelFor(control) || control.matches("[aria-label], [aria-labelledby]");
    if (control.matches(".admin-autocomplete, .select2-search__field") || (named && !ours)) {
      return;
    }
    var ids = nameIds(control);
    if (ids.length) {
      control.setAttribute("data-named-by-row", "");
      setAttribute(control, "aria-labelledby", ids.join(" "));
    }
  }

  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      if (!select.closest(".empty-form")) {
        nameAutocomplete(select);
      }
    });
    document
      .querySelectorAll(".tabular tr.form-row:not(.empty-form) td")
      .forEach(function (cell) {
        cell.querySelectorAll(CONTROLS).forEach(nameRowControl);
      });
  }

  // While open, the dropdown lives at the end of the page: its search box and list of
  // choices are named like the combobox they belong to, which says (as ARIA 1.2 asks of an
  // expanded combobox) which list it controls.
  function openDropdown(event) {
    var ids = nameIds(event.target);
    var combobox = event.target.nextElementSibling.querySelector(".select2-selection");
    document.querySelectorAll(".select2-container--open .select2-dropdown").forEach(
      function (dropdown) {
        var list = dropdown.querySelector(".select2-results__options");
        if (combobox && list && list.id) {
          setAttribute(combobox, "aria-controls", list.id);
        }
        if (ids.length) {
          dropdown.querySelectorAll(".select2-search__field, .select2-results__options")
            .forEach(function (part) {
              setAttribute(part, "aria-labelledby", ids.join(" "));
            });
        }
      }
    );
  }

  function closeDropdown(event) {
    var combobox = event.target.nextElementSibling.querySelector(".select2-selection");
    if (combobox) {
      combobox.removeAttribute("aria-controls");
    }
  }

  function start() {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
    if (window.django && window.django.jQuery) {
      window.django
        .jQuery(document)
        .on("select2:open", "select.admin-autocomplete", openDropdown)
        .on("select2:close", "select.admin-autocomplete", closeDropdown);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
