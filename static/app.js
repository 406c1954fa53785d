// Conveniences only: every page works without this script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Put the cursor where the eye must go: the first field with an error, or else the element the
  // server marked (a confirmation button, a message about the whole form), and scroll it into view.
  const target = document.querySelector('[aria-invalid="true"]') || document.querySelector("[data-autofocus]");
  if (target) {
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  }
  // Ask before actions marked as needing confirmation.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (e) => {
      if (!window.confirm(form.dataset.confirm)) e.preventDefault();
    });
  });
});
