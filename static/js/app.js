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
        refreshReviewPanel(p.review);
        box.querySelectorAll("[data-count]").forEach(function (el) {
          el.textContent = p.counts[el.getAttribute("data-count")] || 0;
        });
        if (p.done || p.cancelled) { window.location.reload(); } else { window.setTimeout(tick, 2000); }
      })
      .catch(function () { window.setTimeout(tick, 5000); });
  }
  // The list of resumes to check is the page's own: when its count changes, take the fresh panel from the page.
  function refreshReviewPanel(count) {
    var panel = document.querySelector("[data-review-panel]");
    if (!panel || String(count) === panel.getAttribute("data-review-count")) { return; }
    fetch(window.location.href, {credentials: "same-origin"})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-review-panel]");
        if (fresh) { panel.replaceWith(fresh); }
      })
      .catch(function () {});
  }
  window.setTimeout(tick, 1500);
})();

// Pipeline board: drag and drop, arrow keys, and a bulk bar. Without JavaScript the bulk bar alone
// moves the checked cards.
(function () {
  "use strict";
  var form = document.getElementById("bulk");
  var board = document.querySelector(".board");
  if (!form || !board) { return; }
  var status = document.getElementById("board-status");
  var columns = Array.prototype.slice.call(board.querySelectorAll(".column"));

  function say(text, bad) {
    status.textContent = text;
    var toast = document.querySelector(".board-toast") || document.createElement("p");
    toast.className = "board-toast" + (bad ? " bad" : "");
    toast.textContent = text;
    if (!toast.parentNode) { board.parentNode.insertBefore(toast, board); }
  }
  function counted() {
    form.querySelector("[data-selected]").textContent =
      board.querySelectorAll("input[name=application_id]:checked").length;
  }
  function column(stage) { return board.querySelector('.column[data-stage="' + stage + '"]'); }
  function bump(col, by) {
    var n = col.querySelector("[data-count]");
    n.textContent = parseInt(n.textContent, 10) + by;
  }

  function move(ids, stage) {
    var target = column(stage);
    if (!target || !ids.length) { return; }
    if (target.getAttribute("data-needs-reason") !== "1") { send(ids, stage, "", false); return; }
    if (!window.recruitAskReason) { say("Use the bar above: a move to this stage needs a reason.", true); return; }
    var card = board.querySelector('.app-card[data-application="' + ids[0] + '"] .name');
    window.recruitAskReason({stage: stage, label: target.getAttribute("data-label"),
                             who: ids.length === 1 && card ? card.textContent : ids.length + " candidates"})
      .then(function (answer) {
        if (answer) { send(ids, stage, answer.reason, answer.sendEmail); } else { say("Not moved."); }
      });
  }

  function send(ids, stage, reason, sendEmail) {
    var target = column(stage);
    var data = new FormData();
    data.append("csrf_token", form.querySelector("[name=csrf_token]").value);
    data.append("to_stage", stage);
    data.append("reason", reason);
    if (sendEmail) { data.append("send_email", "1"); }
    ids.forEach(function (id) { data.append("application_id", id); });
    fetch(form.getAttribute("data-move-url"), {method: "POST", body: data, credentials: "same-origin",
                                                 headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
      .then(function (res) {
        if (!res.ok) { say(res.body.error || "Could not move.", true); return; }
        res.body.moved.forEach(function (id) {
          var card = board.querySelector('.app-card[data-application="' + id + '"]');
          if (!card) { return; }
          bump(card.closest(".column"), -1);
          bump(target, 1);
          target.querySelector(".cards").insertBefore(card, target.querySelector(".cards").firstChild);
          card.querySelector("input[type=checkbox]").checked = false;
          card.setAttribute("aria-label", card.querySelector(".name").textContent + ", " + res.body.label);
        });
        var text = res.body.moved.length ? "Moved " + res.body.moved.length + " to " + res.body.label + "." : "";
        if (res.body.emailed) { text += " Rejection email queued for " + res.body.emailed + "."; }
        res.body.skipped.forEach(function (s) { text += " Not moved: " + s.why + "."; });
        (res.body.email_problems || []).forEach(function (why) { text += " No email sent: " + why + "."; });
        say(text.trim(), res.body.skipped.length > 0);
        counted();
        if (document.activeElement === document.body && res.body.moved.length) {
          var card = board.querySelector('.app-card[data-application="' + res.body.moved[0] + '"]');
          if (card) { card.focus(); }
        }
      })
      .catch(function () { say("Could not reach the server; nothing was moved.", true); });
  }

  board.addEventListener("change", counted);
  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest(".app-card");
    if (!card) { return; }
    var ids = [card.getAttribute("data-application")];
    if (card.querySelector("input[type=checkbox]").checked) {  // dragging one of the selected drags them all
      ids = Array.prototype.map.call(board.querySelectorAll("input[name=application_id]:checked"),
                                     function (box) { return box.value; });
    }
    event.dataTransfer.setData("text/plain", ids.join(","));
    event.dataTransfer.effectAllowed = "move";
  });
  columns.forEach(function (col) {
    col.addEventListener("dragover", function (event) { event.preventDefault(); col.classList.add("drop"); });
    col.addEventListener("dragleave", function () { col.classList.remove("drop"); });
    col.addEventListener("drop", function (event) {
      event.preventDefault();
      col.classList.remove("drop");
      var ids = (event.dataTransfer.getData("text/plain") || "").split(",").filter(Boolean);
      move(ids, col.getAttribute("data-stage"));
    });
  });
  board.addEventListener("keydown", function (event) {
    var card = event.target.closest(".app-card");
    if (!card) { return; }
    var onCard = event.target === card;  // on the checkbox or the link, keys keep their own meaning
    var index = columns.indexOf(card.closest(".column"));
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      var next = columns[index + (event.key === "ArrowRight" ? 1 : -1)];
      if (next) { event.preventDefault(); move([card.getAttribute("data-application")], next.getAttribute("data-stage")); }
    } else if (!onCard) {
      return;
    } else if (event.key === " ") {
      event.preventDefault();
      var box = card.querySelector("input[type=checkbox]");
      box.checked = !box.checked;
      counted();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var sibling = event.key === "ArrowDown" ? card.nextElementSibling : card.previousElementSibling;
      if (sibling) { event.preventDefault(); sibling.focus(); }
    }
  });
})();

// Report charts (Chart.js, vendored under static/vendor): data comes from JSON blocks beside each table.
(function () {
  "use strict";
  if (!window.Chart) { return; }
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var palette = ["#1d4ed8", "#0891b2", "#059669", "#65a30d", "#ca8a04", "#ea580c", "#16a34a", "#dc2626", "#6b7280",
                 "#7c3aed", "#db2777"];
  var pipeline = data("data-pipeline");
  if (pipeline) {
    new window.Chart(document.getElementById("chart-pipeline"), {
      type: "bar",
      data: {labels: pipeline.labels, datasets: pipeline.series.map(function (label, i) {
        return {label: label, backgroundColor: palette[i % palette.length],
                data: pipeline.values.map(function (counts) { return counts[pipeline.keys[i]] || 0; })};
      })},
      options: {indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
                scales: {x: {stacked: true, title: {display: true, text: "applications"}}, y: {stacked: true}}}
    });
  }
  var stages = data("data-stages");
  if (stages && document.getElementById("chart-stages")) {
    new window.Chart(document.getElementById("chart-stages"), {
      type: "bar",
      data: {labels: stages.labels, datasets: [
        {label: "median days, moved on", data: stages.done, backgroundColor: palette[0]},
        {label: "median days so far, still there", data: stages.waiting, backgroundColor: palette[4]}]},
      options: {responsive: true, maintainAspectRatio: false, animation: false,
                scales: {y: {title: {display: true, text: "days"}, beginAtZero: true}}}
    });
  }
  var sources = data("data-sources");
  if (sources && document.getElementById("chart-sources")) {
    new window.Chart(document.getElementById("chart-sources"), {
      type: "bar",
      data: {labels: sources.labels, datasets: [
        {label: "applications", data: sources.applications, backgroundColor: palette[0]},
        {label: "shortlisted", data: sources.shortlisted, backgroundColor: palette[2]},
        {label: "hired", data: sources.hired, backgroundColor: palette[5]}]},
      options: {responsive: true, maintainAspectRatio: false, animation: false, scales: {y: {beginAtZero: true}}}
    });
  }
})();

// Campus check-in: scan the student's QR code with the phone camera (BarcodeDetector where the browser
// has it, otherwise jsQR, loaded only when needed so the page stays light on a slow connection).
(function () {
  "use strict";
  var button = document.querySelector("[data-scan]");
  var form = document.getElementById("token-form");
  if (!button || !form || !(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)) { return; }
  button.hidden = false;
  var video = form.querySelector("video.scanner");
  var status = form.querySelector(".scan-status");
  var last = "", lastAt = 0, detector = null, canvas = document.createElement("canvas");

  function send(code) {
    var data = new FormData(form);
    data.set("token", code);
    fetch(form.action || window.location.pathname, {method: "POST", body: data, credentials: "same-origin",
                                                     headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (body) {
        status.textContent = body.message;
        if (body.ok) {
          var arrived = document.querySelector("[data-arrived]");
          if (arrived) { arrived.textContent = String(parseInt(arrived.textContent, 10) + 1); }
        }
      })
      .catch(function () { status.textContent = "No connection: type the code, or try again."; });
  }
  function found(code) {
    var now = Date.now();
    if (code === last && now - lastAt < 5000) { return; }
    last = code; lastAt = now;
    form.querySelector("#token").value = code;
    send(code);
  }
  function loadJsQR() {
    return new Promise(function (resolve, reject) {
      if (window.jsQR) { resolve(); return; }
      var script = document.createElement("script");
      script.src = button.getAttribute("data-jsqr");
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  function tick() {
    if (video.hidden) { return; }
    if (video.readyState >= 2) {
      if (detector) {
        detector.detect(video).then(function (codes) { if (codes.length) { found(codes[0].rawValue); } })
          .catch(function () {});
      } else if (window.jsQR) {
        canvas.width = video.videoWidth; canvas.height = video.videoHeight;
        var ctx = canvas.getContext("2d");
        ctx.drawImage(video, 0, 0);
        var image = ctx.getImageData(0, 0, canvas.width, canvas.height);
        var code = window.jsQR(image.data, image.width, image.height);
        if (code && code.data) { found(code.data); }
      }
    }
    window.setTimeout(tick, 250);
  }
  button.addEventListener("click", function () {
    if (!video.hidden) {
      video.hidden = true;
      if (video.srcObject) { video.srcObject.getTracks().forEach(function (t) { t.stop(); }); }
      button.textContent = "Scan with the camera";
      return;
    }
    var ready = ("BarcodeDetector" in window)
      ? Promise.resolve().then(function () { detector = new window.BarcodeDetector({formats: ["qr_code"]}); })
      : loadJsQR();
    ready.then(function () {
      return navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false});
    }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      button.textContent = "Stop scanning";
      status.textContent = "Point the camera at the student's QR code.";
      tick();
    }).catch(function () { status.textContent = "The camera is not available: type the code or search by name."; });
  });
})();
