// Candidate page: while a resume is being parsed, ask its small status endpoint every two seconds and
// reload the page once the parse is done (templates/candidates/_summary.html), as the import page does.
(function () {
  "use strict";
  var box = document.querySelector("[data-parse-status-url]");
  if (!box) { return; }
  function tick() {
    fetch(box.getAttribute("data-parse-status-url"), {headers: {"Accept": "application/json"},
                                                       credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (status) {
        if (status.done) { window.location.reload(); } else { window.setTimeout(tick, 2000); }
      })
      .catch(function () { window.setTimeout(tick, 5000); });
  }
  window.setTimeout(tick, 1500);
})();
