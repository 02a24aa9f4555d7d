// The ranking page: moves happen in the page (buttons, keys, drag) and the
// whole order is saved at once with fetch, so a ranking of sixty needs no
// reload per move. Without this script every button is a plain submit
// that moves and saves on the server. A save that fails says so, and the
// order stays on the page to try again with "Save this order".
(function () {
  "use strict";
  // The page's language (confirm.js, loaded first, reads it).
  var t = window.photojuryT || function (key) { return key; };
  var form = document.getElementById("rank-form");
  var list = document.getElementById("ranking");
  if (!form || !list) return;
  var order = document.getElementById("order");
  var status = document.getElementById("rank-status");
  var pending = null;

  function items() {
    return Array.prototype.slice.call(list.querySelectorAll("li[data-number]"));
  }

  function renumber() {
    var all = items();
    var numbers = [];
    for (var i = 0; i < all.length; i++) {
      var n = all[i].getAttribute("data-number");
      numbers.push(n);
      all[i].querySelector(".place").textContent = String(i + 1);
      all[i].setAttribute("aria-label", t("js-rank-label", { n: n, place: i + 1 }));
    }
    order.value = numbers.join(" ");
  }

  function say(text, ok) {
    status.textContent = text;
    status.className = ok ? "status" : "notice";
  }

  function save() {
    renumber();
    // Said at once, so neither the juror nor a test reads the last save's
    // "Saved" as this one's.
    say(t("js-saving"), true);
    var body = new URLSearchParams(new FormData(form));
    body.set("move", "save");
    var sent = fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function () {
      if (pending === sent) say(t("js-rank-saved"), true);
    }).catch(function () {
      if (pending === sent) say(t("js-rank-failed"), false);
    });
    pending = sent;
  }

  function move(li, how) {
    if (how === "up" && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
    else if (how === "down" && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
    else if (how === "top") list.insertBefore(li, list.firstElementChild);
    else return;
    save();
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-move]");
    if (!button) return;
    event.preventDefault();
    var li = button.closest("li");
    move(li, button.getAttribute("data-move"));
    // Focus follows the entry, so the next press moves it again.
    li.querySelector('button[data-move="' + button.getAttribute("data-move") + '"]').focus();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    save();
  });

  list.addEventListener("keydown", function (event) {
    var li = event.target;
    if (!li || li.tagName !== "LI") return;
    var key = event.key;
    var how = null;
    if ((event.altKey && key === "ArrowUp") || key === "u") how = "up";
    else if ((event.altKey && key === "ArrowDown") || key === "d") how = "down";
    else if (key === "t") how = "top";
    if (how) {
      event.preventDefault();
      move(li, how);
      li.focus();
      return;
    }
    var to = null;
    if (key === "ArrowUp") to = li.previousElementSibling;
    if (key === "ArrowDown") to = li.nextElementSibling;
    if (to) {
      event.preventDefault();
      to.focus();
    }
  });

  var dragged = null;
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("li");
    if (!dragged) return;
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-number"));
  });
  list.addEventListener("dragover", function (event) {
    if (!dragged) return;
    event.preventDefault();
    var over = event.target.closest("li");
    if (!over || over === dragged) return;
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextElementSibling : over);
  });
  list.addEventListener("drop", function (event) {
    event.preventDefault();
  });
  list.addEventListener("dragend", function () {
    if (!dragged) return;
    dragged.classList.remove("dragging");
    dragged = null;
    save();
  });
})();
