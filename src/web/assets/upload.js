// Uploads each chosen photo in its own request with a progress bar, so a
// portfolio of large files shows how far along it is. Without this script
// the same form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var list = document.getElementById("progress");

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

  function send(file, ui) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("title", form.elements.title.value);
      data.append("caption", form.elements.caption.value);
      data.append("file", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) ui.bar.value = Math.round((e.loaded / e.total) * 95);
      };
      xhr.onload = function () {
        var reply = {};
        try { reply = JSON.parse(xhr.responseText); } catch (err) { reply = { error: "The server did not answer as expected." }; }
        if (xhr.status === 200) {
          ui.bar.value = 100;
          var n = reply.added && reply.added[0];
          ui.note.textContent = n ? "Done: entry " + n : "Done";
          ui.li.className = "ok";
        } else {
          ui.note.textContent = reply.error || ("Failed (" + xhr.status + ")");
          ui.li.className = "failed";
        }
        resolve(xhr.status === 200);
      };
      xhr.onerror = function () {
        ui.note.textContent = "The connection was lost. Try again.";
        ui.li.className = "failed";
        resolve(false);
      };
      xhr.send(data);
    });
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(form.elements.file.files);
    if (files.length === 0) return;
    event.preventDefault();
    list.textContent = "";
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    var uis = files.map(function (f) { return row(f.name); });
    var allOk = true;
    files.reduce(function (chain, file, i) {
      return chain.then(function () { return send(file, uis[i]).then(function (ok) { allOk = allOk && ok; }); });
    }, Promise.resolve()).then(function () {
      button.disabled = false;
      if (allOk) window.location.reload();
    });
  });
})();
