// Asks before irreversible actions: any form with data-confirm="question"
// submits only after the person says yes. Without JavaScript the form posts
// as it is (the server still checks everything). Also: copy buttons, and
// `window.photojuryT`, the scripts' messages in the page's language.
(function () {
  "use strict";
  // The page's language: the messages on <body data-t>, "%name" filled in;
  // every page script says things through this one function.
  var T = {};
  try { T = JSON.parse(document.body.getAttribute("data-t") || "{}"); } catch (e) { T = {}; }
  function t(key, args) {
    var text = T[key] || key;
    Object.keys(args || {}).forEach(function (name) { text = text.split("%" + name).join(String(args[name])); });
    return text;
  }
  window.photojuryT = t;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
  // Copy buttons (the receipt's fingerprints): the text of data-copy.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
      button.textContent = t("js-copied");
    }, function () {});
  });
})();
