// The reason dialog for moves to a closed stage (templates/pipeline/_reason_dialog.html): the admins'
// rejection reasons and an offer to send the rejection email. The board calls window.recruitAskReason;
// forms marked data-reason-form open it when their chosen stage needs a reason. Without JavaScript the
// forms' own reason field and email box are used.
(function () {
  "use strict";
  var dialog = document.getElementById("reason-dialog");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var form = dialog.querySelector("form");
  var pending = null;

  function field(name) { return dialog.querySelector("[data-field=" + name + "]"); }

  function finish(answer) {
    var waiting = pending;
    pending = null;
    if (dialog.open) { dialog.close(); }
    if (waiting) { waiting.resolve(answer); }
  }

  function reasonText(rejected) {
    var choice = rejected ? form.elements.reason_choice.value : "";
    var text = form.elements.reason_text.value.trim();
    return (choice && text ? choice + " — " + text : choice || text).slice(0, 500);
  }

  // ask({stage, label, who, reason}) -> a Promise of {reason, sendEmail}, or of null when cancelled.
  window.recruitAskReason = function (options) {
    var rejected = options.stage === "rejected";
    if (pending) { finish(null); }
    form.reset();
    field("verb").textContent = rejected ? "Reject" : "Move to " + options.label + ":";
    field("who").textContent = options.who || "";
    field("confirm").textContent = rejected ? "Reject" : "Move to " + options.label;
    field("text-label").textContent = rejected ? "Details (optional)" : "Reason";
    form.elements.reason_text.value = options.reason || "";
    dialog.querySelectorAll("[data-rejected-only]").forEach(function (el) { el.hidden = !rejected; });
    field("error").hidden = true;
    dialog.showModal();
    (rejected ? form.elements.reason_choice : form.elements.reason_text).focus();
    return new Promise(function (resolve) { pending = {resolve: resolve, rejected: rejected}; });
  };

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!pending) { return; }
    if (event.submitter && event.submitter.value === "cancel") { finish(null); return; }
    var reason = reasonText(pending.rejected);
    if (!reason) {
      field("error").textContent = "Choose or write a reason.";
      field("error").hidden = false;
      form.elements.reason_text.focus();
      return;
    }
    finish({reason: reason, sendEmail: pending.rejected && form.elements.send_email.checked});
  });
  dialog.addEventListener("close", function () { finish(null); });  // Escape, or closed any other way

  // A stage form (the board's bulk bar, an application's page): ask before it is sent.
  document.querySelectorAll("form[data-reason-form]").forEach(function (stageForm) {
    stageForm.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.hasAttribute("formaction")) { return; }  // another button
      var select = stageForm.elements.to_stage;
      var option = select.options[select.selectedIndex];
      if (!option || option.getAttribute("data-needs-reason") !== "1" || stageForm.dataset.asked === "1") { return; }
      event.preventDefault();
      var count = Array.prototype.filter.call(stageForm.elements, function (el) {
        return el.name === "application_id" && el.type === "checkbox" && el.checked;
      }).length;
      var who = stageForm.getAttribute("data-who") || (count === 1 ? "1 candidate" : count + " candidates");
      window.recruitAskReason({stage: select.value, label: option.textContent.replace(/\s*\(.*\)$/, ""), who: who,
                               reason: stageForm.elements.reason.value}).then(function (answer) {
        if (!answer) { return; }
        stageForm.elements.reason.value = answer.reason;
        var box = stageForm.elements.send_email;
        if (box) { box.checked = answer.sendEmail; }
        stageForm.dataset.asked = "1";
        stageForm.requestSubmit();
      });
    });
  });
})();
