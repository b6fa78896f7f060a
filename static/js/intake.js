// The brief form works without this file. With htmx, it keeps what a screen reader hears true.

// An answer that changes nothing leaves the live regions (the first reading, each error box) as they
// are: rewritten with the same words, a screen reader would read them out again.
//
// A click lands where it was aimed: leaving a field checks it, and the reply can move the questions
// below (an error cleared, questions opened). Arriving between press and release, it would move the
// control from under the pointer and the click would be lost, so while the main button is down
// replies wait, and on release the answers are checked again, unless the click changed an answer
// (its own check follows) or sent the step or opened a page (which draws everything anew).
const words = (node) => node.textContent.replace(/\s+/g, " ").trim();
const questions = () => document.querySelector(".questions[hx-post]");  // a step's questions, checked as they change
let pressed = false;
let stale = false;
document.addEventListener("htmx:oobBeforeSwap", (event) => {
  const { target, fragment } = event.detail;
  const wait = pressed && questions() !== null;
  stale = stale || wait;
  if (wait || (target.hasAttribute("aria-live") && words(fragment) === words(target))) event.detail.shouldSwap = false;
});
function release() {
  if (!pressed) return;
  pressed = false;
  setTimeout(() => {  // after the click and what it caused
    if (stale && questions()) htmx.trigger(questions(), "change");
    stale = false;
  });
}
const settled = () => { stale = false; };
const capture = { capture: true };
document.addEventListener("pointerdown", (event) => {
  if (event.button === 0 && event.isPrimary) pressed = true;
}, capture);
document.addEventListener("pointerup", (event) => { if (event.isPrimary) release(); }, capture);
document.addEventListener("pointercancel", (event) => { if (event.isPrimary) release(); }, capture);
document.addEventListener("pointermove", (event) => { if (event.buttons === 0) release(); }, capture);
for (const type of ["contextmenu", "dragstart"]) document.addEventListener(type, release, capture);
window.addEventListener("blur", release);  // released outside the window, where no pointerup arrives
document.addEventListener("change", settled, capture);  // an answer's own check brings every question up to date
document.addEventListener("submit", settled, capture);  // the step drawn anew
document.addEventListener("htmx:beforeRequest", (event) => {  // a page opened through htmx, drawn anew
  if (event.detail.elt !== questions()) settled();
});

// A double tap (or double click) on a button that sends the step: its second tap comes down where
// the first did, on the same button while the step is on its way, or on the next step once it is
// drawn at the top of the page, where it would pick the answer now under the finger. The browser
// counts a double click (detail 2); a touch or a pen counts by time and place (the kind of pointer
// is read as it comes down: WebKit's click does not say). Such a second tap does nothing; keys
// click with no pointer (detail 0) and always pass.
const DOUBLE_TAP = { ms: 500, px: 30 };
let sentBy = null;
let pointerKind = "";
document.addEventListener("pointerdown", (event) => { if (event.isPrimary) pointerKind = event.pointerType; }, capture);
document.addEventListener("click", (event) => {
  if (event.detail === 0) return;
  const second = event.detail > 1 || pointerKind === "touch" || pointerKind === "pen";
  if (second && sentBy !== null && event.timeStamp - sentBy.at < DOUBLE_TAP.ms
      && Math.hypot(event.clientX - sentBy.x, event.clientY - sentBy.y) < DOUBLE_TAP.px) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  const sends = event.target.closest('#intake button[type="submit"], #intake a[href]');
  sentBy = sends ? { x: event.clientX, y: event.clientY, at: event.timeStamp } : null;
}, capture);

// Errors arrive inline into each question's error box: mark the question invalid, or valid again
// (its red border follows aria-invalid in site.css).
document.addEventListener("htmx:afterSettle", () => {
  for (const box of document.querySelectorAll(".field-error[id]")) {
    const invalid = box.textContent.trim() !== "";
    for (const owner of document.querySelectorAll(`[aria-describedby~="${box.id}"]`)) {
      // A group of radios is described on its fieldset: its radios carry the invalid state.
      const controls = owner.matches("fieldset") ? owner.querySelectorAll("input, select, textarea") : [owner];
      for (const control of controls) {
        if (!control.matches("input, select, textarea")) continue;
        if (invalid) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    }
  }
});

// A long answer shows how much room is left as it nears its limit, and how far over it is (the
// server refuses an answer over the limit and keeps it; nothing is cut while typing or pasting).
const NEAR = 0.8;
function count(field) {
  const limit = Number(field.dataset.limit);
  let note = document.getElementById(`${field.id}_count`);
  if (!note) {
    note = document.createElement("p");
    note.id = `${field.id}_count`;
    note.className = "hint counter";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
  }
  const used = [...field.value].length;
  const left = limit - used;
  note.hidden = used < limit * NEAR;
  note.classList.toggle("counter-over", left < 0);
  note.textContent = left < 0
    ? `${(-left).toLocaleString("en-GB")} characters over the limit of ${limit.toLocaleString("en-GB")}: shorten it before sending.`
    : `${left.toLocaleString("en-GB")} characters left.`;
}
function counters() {
  for (const field of document.querySelectorAll("textarea[data-limit], input[data-limit]")) {
    if (!field.dataset.counting) {
      field.dataset.counting = "yes";
      field.addEventListener("input", () => count(field));
    }
    count(field);
  }
}
document.addEventListener("DOMContentLoaded", counters);
document.addEventListener("htmx:afterSettle", counters);

// The client's time zone, sent with each step: the times we write to them (when the reply is due)
// are in it. Without JavaScript we use ours, and say so.
function zones() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  for (const field of document.querySelectorAll('input[name="time_zone"]')) field.value = zone;
}
document.addEventListener("DOMContentLoaded", zones);
document.addEventListener("htmx:afterSettle", zones);
