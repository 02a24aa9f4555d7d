// The portfolio page keeps what is typed: every title and caption is saved by
// one form, and any other action on the page (move, remove, replace, upload,
// the story, a link away) first saves the titles and captions that changed.
// Without this script the one Save button still saves them all.
(function () {
  "use strict";
  var texts = document.getElementById("texts");
  if (!texts || !window.fetch) return;
  var status = document.getElementById("texts-status");
  var fields = Array.prototype.slice.call(document.querySelectorAll('[form="texts"]'));
  var dirty = false;
  // The page's language (confirm.js, loaded first, reads it).
  var t = window.photojuryT || function (key) { return key; };

  fields.forEach(function (f) {
    f.addEventListener("input", function () {
      dirty = true;
      if (status) status.textContent = t("js-texts-unsaved");
    });
  });

  // Saves the texts with the page's own form; resolves once the server answered.
  function saveTexts() {
    var body = new URLSearchParams(new FormData(texts));
    return fetch(texts.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        dirty = false;
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!dirty || form === texts || form.id === "upload") return;
    event.preventDefault();
    if (status) status.textContent = t("js-texts-saving-first");
    saveTexts().then(function () { form.submit(); }, function () {
      if (status) status.textContent = t("js-texts-failed");
    });
  }, true);

  // Other scripts (the upload) ask for the texts to be saved before they go on.
  window.photojurySaveTexts = function () { return dirty ? saveTexts() : Promise.resolve(); };

  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("a[href]");
    if (!dirty || !a || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    saveTexts().then(function () { window.location = a.href; }, function () {
      if (status) status.textContent = t("js-texts-failed");
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
