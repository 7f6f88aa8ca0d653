// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Ask before destructive one-button actions (close a job, archive a candidate).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Select a read-only link on focus so it can be copied at once.
  document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
  // Filter forms: apply a select change at once.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();

// Import progress: poll the batch's figures until it is done.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box) { return; }
  function bar(percent) {
    var fill = box.querySelector("[data-field=percent-bar]");
    if (fill) { fill.style.width = percent + "%"; }
  }
  bar(box.querySelector("[data-field=percent-bar]").getAttribute("data-width"));
  if (box.getAttribute("data-done") === "true") { return; }
  function tick() {
    fetch(box.getAttribute("data-progress-url"), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        bar(p.percent);
        box.querySelector("[data-field=percent]").textContent = p.percent;
        box.querySelector("[data-field=finished]").textContent = p.finished;
        box.querySelector("[data-field=speed]").textContent = p.per_second ? p.per_second + " files/s" : "";
        box.querySelector("[data-field=eta]").textContent = p.seconds_left ? "· about " + p.seconds_left + " s left" : "";
        box.querySelector("[data-field=review]").textContent = p.review;
        box.querySelectorAll("[data-count]").forEach(function (el) {
          el.textContent = p.counts[el.getAttribute("data-count")] || 0;
        });
        if (p.done || p.cancelled) { window.location.reload(); } else { window.setTimeout(tick, 2000); }
      })
      .catch(function () { window.setTimeout(tick, 5000); });
  }
  window.setTimeout(tick, 1500);
})();
