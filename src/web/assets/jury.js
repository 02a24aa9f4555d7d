// The scoring page, made fast for the keyboard and safe for what is typed.
// Without this script the page still works: the form posts, links navigate,
// the image opens on its own.
//
// What is typed is sent as a draft while the juror types (and when they
// leave the page), and kept in localStorage until the server has it, so a
// dropped connection loses nothing either: the next page sends it.
(function () {
  "use strict";
  // The page's language (confirm.js, loaded first, reads it).
  var t = window.photojuryT || function (key) { return key; };
  var STORE = "photojury:draft:";
  var form = null;
  var inputs = [];
  var pending = false;
  var timer = null;
  var lastScore = null;

  function $(id) { return document.getElementById(id); }

  function say(text, kind) {
    var status = $("save-status");
    if (!status) return;
    status.textContent = text;
    status.className = kind;
  }

  function fields() {
    var body = new URLSearchParams(new FormData(form));
    body.delete("go");
    return body;
  }

  function storeKey() { return STORE + form.getAttribute("action"); }

  // What is on this device only: the fields without the session's token.
  function remember() {
    var body = fields();
    body.delete("csrf");
    try {
      localStorage.setItem(storeKey(), JSON.stringify({ at: Date.now(), body: body.toString() }));
    } catch (e) { /* private mode or full: the server copy still goes */ }
  }

  function forget(key, body) {
    try {
      var kept = JSON.parse(localStorage.getItem(key) || "null");
      if (kept && kept.body === body) localStorage.removeItem(key);
    } catch (e) { /* nothing kept */ }
  }

  function csrf() {
    var field = form && form.querySelector('input[name="csrf"]');
    return field ? field.value : "";
  }

  function post(action, body, keepalive) {
    return fetch(action + "/draft", {
      method: "POST",
      headers: { "Accept": "application/json" },
      body: body,
      credentials: "same-origin",
      keepalive: keepalive
    });
  }

  // Sends what is typed; never blocks the juror. A network failure keeps the
  // local copy (sent again when the connection returns or from the next page).
  function sendDraft(keepalive) {
    clearTimeout(timer);
    timer = null;
    if (!form || !pending) return Promise.resolve();
    pending = false;
    var body = fields();
    var local = new URLSearchParams(body);
    local.delete("csrf");
    var key = storeKey(), mine = form;
    return post(form.getAttribute("action"), body, !!keepalive).then(function (response) {
      forget(key, local.toString());
      return response.json().catch(function () {
        return { saved: false, errors: [t("js-server-answered", { status: response.status })] };
      });
    }).then(function (reply) {
      if (mine !== form) return;
      if (!reply.saved) {
        say((reply.errors || [t("js-not-saved")]).join(" "), "errors");
      } else if (reply.complete) {
        say(t("js-saved"), "notice");
      } else {
        say(t("js-not-complete", { typed: reply.typed, criteria: reply.criteria }), "draft");
      }
    }, function () {
      if (mine === form) {
        pending = true;
        say(t("js-offline-kept"), "errors");
      }
    });
  }

  // Drafts of other entries that never reached the server.
  function sendStored() {
    if (!form) return;
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf(STORE) === 0 && k !== storeKey()) keys.push(k);
    }
    keys.forEach(function (key) {
      var kept = JSON.parse(localStorage.getItem(key) || "null");
      if (!kept) return;
      var body = new URLSearchParams(kept.body);
      body.set("csrf", csrf());
      post(key.slice(STORE.length), body, false).then(function () { forget(key, kept.body); }, function () {});
    });
  }

  function typed() {
    pending = true;
    remember();
    syncChoices();
    clearTimeout(timer);
    timer = setTimeout(function () { sendDraft(false); }, 600);
  }

  function syncChoices() {
    document.querySelectorAll("button.choice").forEach(function (b) {
      var input = $(b.getAttribute("data-for"));
      b.setAttribute("aria-pressed", input && input.value === b.getAttribute("data-value") ? "true" : "false");
    });
  }

  // A full save ("Save", "Save and next"); resolves to the server's JSON.
  function save(go) {
    var body = fields();
    body.set("go", go);
    clearTimeout(timer);
    say(t("js-saving"), "notice");
    return fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json" },
      body: body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () {
        return { saved: false, errors: [t("js-server-answered", { status: response.status })] };
      });
    }).then(function (reply) {
      if (!reply.saved) {
        say((reply.errors || [t("js-not-saved")]).join(" "), "errors");
        throw new Error("not saved");
      }
      pending = false;
      try { localStorage.removeItem(storeKey()); } catch (e) { /* none */ }
      say(t("js-saved"), "notice");
      return reply;
    });
  }

  // One key per criterion where the scale allows: a digit sets it and moves on.
  function digitValue(input, key) {
    var min = +input.getAttribute("data-min"), max = +input.getAttribute("data-max");
    if (min < 0 || max > 10 || (min === 0 && max === 10)) return null;
    var n = +key;
    if (n === 0 && max === 10) n = 10;
    return n >= min && n <= max ? n : null;
  }

  function advance(input) {
    var i = inputs.indexOf(input);
    if (i >= 0 && i + 1 < inputs.length) inputs[i + 1].focus(); else input.select();
  }

  function scoringElement() { return $("scoring"); }

  function fullScreen() {
    var target = scoringElement();
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (target && target.requestFullscreen) {
      target.requestFullscreen();
    }
  }

  function isEntry(url) { return /\/jury\/[^/]+\/entries\/[^/]+$/.test(new URL(url, location.href).pathname); }

  // In full screen the next entry replaces this one in place, so full
  // screen (which a new page would end) stays on.
  function navigate(url) {
    if (document.fullscreenElement === scoringElement() && isEntry(url)) {
      swap(url, true);
    } else {
      window.location = url;
    }
  }

  function swap(url, push) {
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("status " + response.status);
      return response.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var next = doc.getElementById("scoring"), bar = doc.querySelector(".jury-bar");
      var here = document.querySelector(".jury-bar");
      if (!next || !bar || !here) throw new Error("not a scoring page");
      scoringElement().innerHTML = next.innerHTML;
      here.replaceWith(document.importNode(bar, true));
      document.title = doc.title;
      if (push) history.pushState({}, "", url);
      warm(doc);
      init();
    }).catch(function () { window.location = url; });
  }

  function warm(doc) {
    doc.querySelectorAll('link[rel="prefetch"]').forEach(function (l) {
      var img = new Image();
      img.src = l.getAttribute("href");
    });
  }

  // Leaving with something unsent: the draft goes first, but the juror
  // never waits more than a moment for it (the request carries on anyway).
  function leave(url) {
    if (!pending) return navigate(url);
    var moved = false;
    var move = function () { if (!moved) { moved = true; navigate(url); } };
    sendDraft(true).then(move, move);
    setTimeout(move, 400);
  }

  function go(link) {
    if (link) leave(link.href);
  }

  function viewer() { return document.querySelector(".viewer"); }

  function toggleActual() {
    var v = viewer();
    if (v) v.classList.toggle("actual");
  }

  // Everything bound to the current entry's elements (again after a swap).
  function init() {
    form = $("score-form");
    inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input.score")) : [];
    pending = false;
    if (form) {
      form.addEventListener("input", typed);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var where = event.submitter && event.submitter.value === "stay" ? "stay" : "next";
        save(where).then(function (reply) {
          if (where === "next" && reply.next) navigate(reply.next);
        }, function () {});
      });
      inputs.forEach(function (input) {
        input.addEventListener("focus", function () { lastScore = input; input.select(); });
        input.addEventListener("keydown", function (event) {
          if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
          if (/[0-9]/.test(event.key)) {
            var value = digitValue(input, event.key);
            if (value === null) return;
            event.preventDefault();
            input.value = String(value);
            typed();
            advance(input);
          } else if ("?fjkz".indexOf(event.key) < 0) {
            // Only digits (and the shortcuts) reach a score field.
            event.preventDefault();
          }
        });
      });
      form.querySelectorAll("button.choice").forEach(function (b) {
        b.addEventListener("click", function () {
          var input = $(b.getAttribute("data-for"));
          if (!input) return;
          input.value = b.getAttribute("data-value");
          typed();
          advance(input);
        });
      });
      // Typed on this device and never acknowledged: put back and send.
      var kept = null;
      try { kept = JSON.parse(localStorage.getItem(storeKey()) || "null"); } catch (e) { kept = null; }
      if (kept) {
        new URLSearchParams(kept.body).forEach(function (value, name) {
          var field = form.elements.namedItem(name);
          if (field && field.value !== undefined) field.value = value;
        });
        syncChoices();
        pending = true;
        say(t("js-restored"), "draft");
        sendDraft(false);
      }
      sendStored();
      var first = inputs.filter(function (i) { return i.value === ""; })[0] || inputs[0];
      if (first) first.focus();
    }
    document.querySelectorAll(".strip a.thumb").forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        var view = $("view");
        if (view) {
          view.src = a.href;
          view.alt = a.querySelector("img").alt;
        }
      });
    });
    var link = $("view-link");
    if (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (!viewer().classList.contains("actual")) fullScreen();
      });
      var drag = null;
      link.addEventListener("pointerdown", function (event) {
        if (!viewer().classList.contains("actual")) return;
        drag = { x: event.clientX, y: event.clientY, left: link.scrollLeft, top: link.scrollTop };
        event.preventDefault();
      });
      link.addEventListener("pointermove", function (event) {
        if (!drag) return;
        link.scrollLeft = drag.left - (event.clientX - drag.x);
        link.scrollTop = drag.top - (event.clientY - drag.y);
      });
      ["pointerup", "pointerleave"].forEach(function (name) {
        link.addEventListener(name, function () { drag = null; });
      });
    }
  }

  warm(document);
  init();

  window.addEventListener("pagehide", function () { if (pending) sendDraft(true); });
  // A link clicked away (all entries, the site's menu) waits for the draft too.
  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("a[href]");
    if (!pending || !a || a.closest(".viewer") || event.defaultPrevented || a.target ||
        event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    leave(a.href);
  });
  window.addEventListener("online", function () { if (pending) sendDraft(false); sendStored(); });
  window.addEventListener("popstate", function () {
    if (document.fullscreenElement === scoringElement()) swap(location.href, false); else location.reload();
  });
  // Back from full screen, the keyboard goes on where it was.
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && lastScore && document.contains(lastScore)) lastScore.focus();
  });

  var PAN = { ArrowRight: [80, 0], ArrowLeft: [-80, 0], ArrowDown: [0, 80], ArrowUp: [0, -80] };
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    var inText = t && (t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && !t.classList.contains("score")));
    if (inText || event.altKey || event.ctrlKey || event.metaKey) return;
    var v = viewer(), frame = $("view-link");
    if (v && frame && v.classList.contains("actual") && PAN[event.key]) {
      frame.scrollBy(PAN[event.key][0], PAN[event.key][1]);
      event.preventDefault();
      return;
    }
    var keys = $("keys");
    switch (event.key) {
      case "?":
        if (keys) {
          keys.open = !keys.open;
          if (keys.open) keys.scrollIntoView({ block: "nearest" });
        }
        event.preventDefault();
        break;
      case "f":
        fullScreen();
        event.preventDefault();
        break;
      case "z":
        toggleActual();
        event.preventDefault();
        break;
      case "Escape":
        if (v && v.classList.contains("actual")) v.classList.remove("actual");
        break;
      case "ArrowRight":
      case "j":
        go($("next"));
        event.preventDefault();
        break;
      case "ArrowLeft":
      case "k":
        go($("prev"));
        event.preventDefault();
        break;
    }
  });
})();
