// The scoring page, made fast for the keyboard. Without this script the page
// still works: the form posts, links navigate, the image opens on its own.
(function () {
  "use strict";
  var form = document.getElementById("score-form");
  var status = document.getElementById("save-status");
  var view = document.getElementById("view");
  var viewer = document.querySelector(".viewer");
  var keys = document.getElementById("keys");
  var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input.score")) : [];
  var dirty = false;
  var lastScore = null;

  // Warm the cache with the next entries' images, whatever prefetch does.
  document.querySelectorAll('link[rel="prefetch"]').forEach(function (l) {
    var img = new Image();
    img.src = l.href;
  });

  function say(text, bad) {
    if (!status) return;
    status.textContent = text;
    status.className = bad ? "errors" : "notice";
  }

  function fullScreen() {
    var target = viewer || view;
    if (!target) return;
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (target.requestFullscreen) {
      target.requestFullscreen();
    }
  }

  // Saves with fetch; resolves to the server's JSON, or rejects with a message.
  function save(go) {
    var body = new URLSearchParams(new FormData(form));
    body.set("go", go);
    say("Saving…", false);
    return fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () {
        return { saved: false, errors: ["The server answered " + response.status + "."] };
      });
    }).then(function (reply) {
      if (!reply.saved) {
        say((reply.errors || ["Not saved."]).join(" "), true);
        throw new Error("not saved");
      }
      dirty = false;
      say("Saved.", false);
      return reply;
    });
  }

  function go(link) {
    if (!link) return;
    if (form && dirty) {
      save("stay").then(function () { window.location = link.href; }, function () {});
    } else {
      window.location = link.href;
    }
  }

  if (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      var where = submitter && submitter.value === "stay" ? "stay" : "next";
      save(where).then(function (reply) {
        if (where === "next" && reply.next) window.location = reply.next;
      }, function () {});
    });
    inputs.forEach(function (input) {
      input.addEventListener("focus", function () { lastScore = input; input.select(); });
      input.addEventListener("keydown", function (event) {
        // Only digits (and keys that move or edit) reach a score field.
        if (event.key.length === 1 && !/[0-9]/.test(event.key) && !event.ctrlKey && !event.metaKey) {
          if (event.key !== "?" && event.key !== "f" && event.key !== "j" && event.key !== "k") {
            event.preventDefault();
          }
        }
      });
    });
    var first = inputs.filter(function (i) { return i.value === ""; })[0] || inputs[0];
    if (first) first.focus();
  }

  // The portfolio strip: a thumbnail shows its photo in the viewer.
  document.querySelectorAll(".strip a.thumb").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      if (view) {
        view.src = a.href;
        view.alt = a.querySelector("img").alt;
      }
    });
  });
  // Back from full screen, the keyboard goes on where it was.
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && lastScore) lastScore.focus();
  });

  var viewLink = document.getElementById("view-link");
  if (viewLink) {
    viewLink.addEventListener("click", function (event) {
      event.preventDefault();
      fullScreen();
    });
  }

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    var inText = t && (t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && !t.classList.contains("score")));
    if (inText || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case "?":
        if (keys) keys.open = !keys.open;
        event.preventDefault();
        break;
      case "f":
        fullScreen();
        event.preventDefault();
        break;
      case "ArrowRight":
      case "j":
        go(document.getElementById("next"));
        event.preventDefault();
        break;
      case "ArrowLeft":
      case "k":
        go(document.getElementById("prev"));
        event.preventDefault();
        break;
    }
  });
})();
