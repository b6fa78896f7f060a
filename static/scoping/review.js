/* The brief's page loses nothing a consultant typed: while its form holds unsaved edits, the moves
   beside it (start review, send, decline, spam, won, lost) refuse with a message instead of acting
   on the brief as last saved, and leaving the page asks first. Saving the form itself goes ahead. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.getElementById("brief_form");
  if (!form) return;

  function snapshot() {
    var values = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") values.push(name + "=" + value);
    });
    return values.join("&");
  }

  // A page drawn again with form errors holds what was typed but not saved: unsaved from the start.
  var refused = form.querySelector(".errornote, .errorlist") !== null;
  var saved = refused ? null : snapshot();
  var submitting = false;
  function dirty() { return !submitting && snapshot() !== saved; }

  var notice = document.createElement("p");
  notice.className = "errornote unsaved-notice";
  notice.setAttribute("role", "alert");
  notice.hidden = true;
  notice.textContent = "You have unsaved changes on this page. Save them first (Save and continue editing), " +
    "or undo them: this button acts on the brief as last saved.";
  form.parentNode.insertBefore(notice, form);

  function refuse(event) {
    if (!dirty()) return;
    event.preventDefault();
    event.stopPropagation();
    notice.hidden = false;
    notice.scrollIntoView({ block: "center" });
  }

  document.querySelectorAll(".object-tools form").forEach(function (move) {
    move.addEventListener("submit", refuse);
  });
  document.querySelectorAll(".object-tools a").forEach(function (link) {
    if (link.target !== "_blank") link.addEventListener("click", refuse);  // previews open beside the page
  });

  form.addEventListener("submit", function () { submitting = true; });
  form.addEventListener("input", function () { if (!dirty()) notice.hidden = true; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
});
