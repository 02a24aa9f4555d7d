// The voting page of a shortlisting round: one key per vote. Each vote
// button is a plain submit button, so the page works without this script;
// the script only lets the keys press them, and the arrows follow the
// previous and next links. Typing in a field (none on this page today)
// is left alone.
(function () {
  "use strict";
  var form = document.getElementById("vote-form");
  if (!form) return;
  var byKey = {};
  var buttons = form.querySelectorAll("button[data-keys]");
  for (var i = 0; i < buttons.length; i++) {
    var keys = buttons[i].getAttribute("data-keys").split(" ");
    for (var k = 0; k < keys.length; k++) byKey[keys[k]] = buttons[i];
  }
  var sent = false;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
    var button = byKey[event.key.toLowerCase()];
    if (button) {
      event.preventDefault();
      // One vote per page: a key held down must not send twice.
      if (sent) return;
      sent = true;
      button.click();
      return;
    }
    var link = null;
    if (event.key === "ArrowLeft") link = document.getElementById("prev");
    if (event.key === "ArrowRight") link = document.getElementById("next");
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });
})();
