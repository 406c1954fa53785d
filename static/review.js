// Review page conveniences: zoom and rotate the photos, keyboard shortcuts. The page works
// without this script (photos open full size, every action is a form button).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const photos = Array.from(document.querySelectorAll("[data-photo]"));
  photos.forEach((fig) => {
    const tools = fig.querySelector(".photo-tools");
    if (tools) tools.hidden = false;
    const img = fig.querySelector("img");
    let turn = 0;
    let zoomed = false;
    const apply = () => {
      img.style.transform = `rotate(${turn * 90}deg) scale(${zoomed ? 2 : 1})`;
      fig.classList.toggle("zoomed", zoomed);
    };
    fig.querySelector("[data-zoom]")?.addEventListener("click", () => { zoomed = !zoomed; apply(); });
    fig.querySelector("[data-rotate]")?.addEventListener("click", () => { turn = (turn + 1) % 4; apply(); });
    // While zoomed, the point under the pointer stays in view.
    fig.querySelector(".photo-frame")?.addEventListener("mousemove", (e) => {
      if (!zoomed) return;
      const r = e.currentTarget.getBoundingClientRect();
      img.style.transformOrigin = `${((e.clientX - r.left) / r.width) * 100}% ${((e.clientY - r.top) / r.height) * 100}%`;
    });
  });
  const submit = (id) => {
    const form = document.getElementById(id);
    const button = form && form.querySelector("button[type=submit]");
    if (button && !button.disabled) form.requestSubmit(button);
  };
  // Shortcuts follow the physical key (KeyboardEvent.code), so they work on Russian and Kazakh
  // layouts too; approving needs Shift, so a stray key press cannot approve.
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
    if (t instanceof HTMLElement && t.isContentEditable) return;
    switch (e.code) {
      case "KeyA":
        if (!e.shiftKey) return;
        submit("approve-form");
        break;
      case "KeyX": {
        if (e.shiftKey) return;
        const first = document.querySelector('#reject-form input[name="reason"]');
        if (first) { first.focus(); first.scrollIntoView({ block: "center" }); }
        break;
      }
      case "KeyN": if (e.shiftKey) return; submit("take-next"); break;
      case "KeyZ": if (e.shiftKey) return; photos.forEach((f) => f.querySelector("[data-zoom]")?.click()); break;
      case "KeyR": if (e.shiftKey) return; photos.forEach((f) => f.querySelector("[data-rotate]")?.click()); break;
      default: return;
    }
    e.preventDefault();
  });
});
