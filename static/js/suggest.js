// Candidate search box: as the recruiter types, ask the suggest endpoint (skills, job titles, names they may
// see) and offer the answers in the box's datalist (templates/candidates/list.html). The box works without it.
(function () {
  "use strict";
  var box = document.querySelector("input[data-suggest-url]");
  var list = box && document.getElementById(box.getAttribute("list"));
  if (!box || !list) { return; }
  var timer = null, asked = "";
  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.value;
      option.label = item.label;
      list.appendChild(option);
    });
  }
  function ask() {
    var typed = box.value.trim();
    if (typed.length < 2) { show([]); asked = ""; return; }
    if (typed === asked) { return; }
    asked = typed;
    fetch(box.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(typed),
          {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) { if (box.value.trim() === typed) { show(items); } })
      .catch(function () { asked = ""; });
  }
  box.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 120);
  });
})();
