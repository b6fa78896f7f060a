// The brief form works without this file. With htmx, errors arrive inline into each question's
// error box; this marks the question invalid, or valid again, to match.
document.addEventListener("htmx:afterSettle", () => {
  for (const box of document.querySelectorAll(".field-error[id]")) {
    const invalid = box.textContent.trim() !== "";
    for (const input of document.querySelectorAll(`[aria-describedby~="${box.id}"]`)) {
      if (input.matches("input, select, textarea")) {
        if (invalid) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
      input.closest(".field")?.classList.toggle("field-invalid", invalid);
    }
  }
});
