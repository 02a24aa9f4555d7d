// Asks before irreversible actions: any form with data-confirm="question"
// submits only after the person says yes. Without JavaScript the form posts
// as it is (the server still checks everything).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
})();
