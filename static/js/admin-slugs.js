// The admin's slug preview, with the project's readable rule for German umlauts
// ("Führung" → "fuehrung"), the same rule as articles/slugs.py applies on the server.
(function () {
  "use strict";
  var original = window.URLify;
  if (typeof original !== "function") {
    return;
  }
  var map = { "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS" };
  window.URLify = function (text, maxLength, allowUnicode) {
    var spelled = String(text).replace(/[äöüÄÖÜßẞ]/g, function (c) { return map[c]; });
    return original(spelled, maxLength, allowUnicode);
  };
})();
