// Uploads each chosen photo in its own request, with its own title and
// caption and a progress bar, and says "2 of 3" where it stays in view.
// Photos that went in appear in the list at once, even if another failed;
// a failed file keeps its title and caption for another try. Without this
// script the same form posts normally (the title goes to the first photo).
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var list = document.getElementById("progress");
  var perFile = document.getElementById("per-file");
  var oneText = document.getElementById("one-text");
  var count = document.getElementById("upload-count");
  var input = form.elements.file;
  // The page's language (confirm.js, loaded first, reads it).
  var t = window.photojuryT || function (key) { return key; };

  function field(tag, id, name, text) {
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = text;
    var el = document.createElement(tag);
    el.id = id;
    el.name = name;
    el.maxLength = tag === "input" ? 200 : 2000;
    if (tag === "textarea") el.rows = 2;
    return [label, el];
  }

  // One title and caption per chosen file, or the single pair for one file.
  function askPerFile() {
    var files = Array.prototype.slice.call(input.files || []);
    perFile.textContent = "";
    oneText.hidden = files.length > 1;
    if (files.length < 2) return;
    files.forEach(function (file, i) {
      var li = document.createElement("li");
      var name = document.createElement("p");
      name.className = "file-name";
      name.textContent = t("js-upload-photo-of", { i: i + 1, n: files.length, name: file.name });
      li.appendChild(name);
      field("input", "new-title-" + i, "title-" + i, t("js-upload-title")).forEach(function (e) { li.appendChild(e); });
      field("textarea", "new-caption-" + i, "caption-" + i, t("js-upload-caption")).forEach(function (e) { li.appendChild(e); });
      perFile.appendChild(li);
    });
  }
  input.addEventListener("change", askPerFile);

  function textOf(i, files) {
    if (files.length < 2) return [form.elements.title.value, form.elements.caption.value];
    return [document.getElementById("new-title-" + i).value, document.getElementById("new-caption-" + i).value];
  }

  function row(name) {
    var li = document.createElement("li");
    var label = document.createElement("span");
    label.textContent = name;
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    var note = document.createElement("span");
    note.className = "note";
    li.appendChild(label); li.appendChild(bar); li.appendChild(note);
    list.appendChild(li);
    return { bar: bar, note: note, li: li };
  }

  function send(file, text, ui) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("title", text[0]);
      data.append("caption", text[1]);
      data.append("file", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) ui.bar.value = Math.round((e.loaded / e.total) * 95);
      };
      xhr.onload = function () {
        var reply = {};
        try { reply = JSON.parse(xhr.responseText); } catch (err) { reply = { error: t("js-upload-bad-answer") }; }
        if (xhr.status === 200) {
          ui.bar.value = 100;
          var n = reply.added && reply.added[0];
          ui.note.textContent = n ? t("js-upload-done-entry", { n: n }) : t("js-upload-done");
          ui.li.className = "ok";
        } else {
          ui.note.textContent = reply.error || t("js-upload-failed", { status: xhr.status });
          ui.li.className = "failed";
        }
        resolve(xhr.status === 200);
      };
      xhr.onerror = function () {
        ui.note.textContent = t("js-upload-lost");
        ui.li.className = "failed";
        resolve(false);
      };
      xhr.send(data);
    });
  }

  // The photo list as the server has it now, without reloading the page
  // (which would lose the failed files' titles).
  function refreshPhotos() {
    return fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("photos"), here = document.getElementById("photos");
        var hero = doc.querySelector(".hero p"), heroHere = document.querySelector(".hero p");
        if (fresh && here) here.replaceWith(fresh);
        if (hero && heroHere) heroHere.replaceWith(hero);
      });
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length === 0) return;
    event.preventDefault();
    list.textContent = "";
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    var texts = files.map(function (f, i) { return textOf(i, files); });
    var uis = files.map(function (f) { return row(f.name); });
    var failed = [];
    var before = window.photojurySaveTexts ? window.photojurySaveTexts() : Promise.resolve();
    count.classList.add("busy");
    count.scrollIntoView({ block: "nearest" });
    files.reduce(function (chain, file, i) {
      return chain.then(function () {
        count.textContent = t("js-upload-progress", { i: i + 1, n: files.length });
        return send(file, texts[i], uis[i]).then(function (ok) { if (!ok) failed.push(i + 1); });
      });
    }, before.catch(function () {})).then(function () {
      button.disabled = false;
      count.classList.remove("busy");
      var done = files.length - failed.length;
      if (failed.length === 0) {
        count.textContent = t("js-upload-all-done", { done: done, n: files.length });
        window.location.reload();
        return;
      }
      count.textContent = t("js-upload-some-failed", { done: done, n: files.length, list: failed.join(", ") });
      refreshPhotos();
    });
  });
})();
