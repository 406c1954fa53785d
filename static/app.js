// Conveniences only: every page works without this script.
"use strict";
// Put the cursor where the eye must go: the first field with an error, or else the element the
// server marked (a confirmation button, a message about the whole form), and scroll it into view.
// After `load`, and a turn later: the browser's own jump to the address's #fragment (which brings
// the section into view without a script) would otherwise take the focus away again.
window.addEventListener("load", () => {
  setTimeout(() => {
    const target = document.querySelector('[aria-invalid="true"]') || document.querySelector("[data-autofocus]");
    if (target) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
    }
  }, 0);
});
document.addEventListener("DOMContentLoaded", () => {
  // Ask before actions marked as needing confirmation.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (e) => {
      if (!window.confirm(form.dataset.confirm)) e.preventDefault();
    });
  });
  // A form whose fields depend on a choice (a PEP or a beneficial-owner check) shows only the
  // fields of the chosen kind; without the script both groups stay, each under its heading.
  document.querySelectorAll("form").forEach((form) => {
    const groups = form.querySelectorAll("fieldset[data-kind]");
    const choices = form.querySelectorAll('input[type="radio"][name="kind"]');
    if (!groups.length || !choices.length) return;
    const show = () => {
      const chosen = form.querySelector('input[name="kind"]:checked');
      groups.forEach((g) => {
        const off = chosen !== null && g.dataset.kind !== chosen.value;
        g.hidden = off;
        g.disabled = off;
      });
    };
    choices.forEach((c) => c.addEventListener("change", show));
    show();
  });
});
// A canned reply's link fills the reply form in place (without the script it loads the page with
// the form filled); text already typed is kept, the canned text added after it.
document.addEventListener("click", (e) => {
  const link = e.target.closest && e.target.closest("a[data-fill]");
  if (!link) return;
  const field = document.getElementById(link.dataset.fill);
  if (!field) return;
  e.preventDefault();
  field.value = field.value.trim() ? `${field.value.trimEnd()}\n\n${link.dataset.text}` : link.dataset.text;
  field.focus();
});
// A print button (the printable summary of a customer's data).
document.addEventListener("click", (e) => {
  if (e.target.closest && e.target.closest("[data-print]")) window.print();
});
