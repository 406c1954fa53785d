// Review page conveniences: zoom and rotate the photos, keyboard shortcuts. The page works
// without this script (photos open full size, every action is a form button).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const photos = Array.from(document.querySelectorAll("[data-photo]"));
  const viewer = document.getElementById("viewer");
  const open = viewer ? viewerFor(viewer) : null;
  photos.forEach((fig) => {
    const tools = fig.querySelector(".photo-tools");
    if (tools) tools.hidden = false;
    const img = fig.querySelector("img");
    const frame = fig.querySelector(".photo-frame");
    let turn = 0;
    // Rotated a quarter turn, the photo is scaled so that all of it stays in its frame.
    const apply = () => {
      if (!img.naturalWidth) return;
      const w = frame.clientWidth, h = frame.clientHeight, a = img.naturalWidth / img.naturalHeight;
      let dw = w, dh = w / a;
      if (dh > h) { dh = h; dw = h * a; }
      const odd = turn % 2 === 1;
      const s = odd ? Math.min(w / dh, h / dw) : 1;
      img.style.transform = `rotate(${turn * 90}deg) scale(${s})`;
    };
    fig.querySelector("[data-rotate]")?.addEventListener("click", () => { turn = (turn + 1) % 4; apply(); });
    fig.querySelector("[data-open]")?.addEventListener("click", () => open && open(fig.querySelector("[data-view]")));
    window.addEventListener("resize", apply);
  });
  if (open) {
    document.querySelectorAll("a[data-view]").forEach((a) => {
      a.addEventListener("click", (e) => { e.preventDefault(); open(a); });
    });
  }
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
      case "KeyZ": {
        if (e.shiftKey || !open) return;
        const first = document.querySelector("a[data-view]");
        if (first) open(first);
        break;
      }
      case "KeyR": if (e.shiftKey) return; photos.forEach((f) => f.querySelector("[data-rotate]")?.click()); break;
      default: return;
    }
    e.preventDefault();
  });
});

// The full-screen viewer: zoom (wheel, + and −), pan (drag), rotate, brightness and contrast.
function viewerFor(dialog) {
  const img = dialog.querySelector('[data-viewer="image"]');
  const stage = dialog.querySelector(".viewer-stage");
  const bright = dialog.querySelector('[data-viewer="brightness"]');
  const contrast = dialog.querySelector('[data-viewer="contrast"]');
  let zoom = 1, turn = 0, x = 0, y = 0;
  const draw = () => {
    img.style.transform = `translate(${x}px, ${y}px) rotate(${turn * 90}deg) scale(${zoom})`;
    img.style.filter = `brightness(${bright.value}%) contrast(${contrast.value}%)`;
  };
  const reset = () => { zoom = 1; turn = 0; x = 0; y = 0; bright.value = 100; contrast.value = 100; draw(); };
  const zoomBy = (f) => { zoom = Math.min(8, Math.max(0.5, zoom * f)); draw(); };
  dialog.querySelectorAll("button[data-viewer]").forEach((b) => {
    b.addEventListener("click", () => {
      switch (b.dataset.viewer) {
        case "zoom-in": zoomBy(1.25); break;
        case "zoom-out": zoomBy(0.8); break;
        case "rotate": turn = (turn + 1) % 4; draw(); break;
        case "reset": reset(); break;
        case "close": dialog.close(); break;
      }
    });
  });
  [bright, contrast].forEach((r) => r.addEventListener("input", draw));
  stage.addEventListener("wheel", (e) => { e.preventDefault(); zoomBy(e.deltaY < 0 ? 1.15 : 0.87); }, { passive: false });
  let drag = null;
  stage.addEventListener("pointerdown", (e) => { drag = { px: e.clientX - x, py: e.clientY - y }; stage.setPointerCapture(e.pointerId); });
  stage.addEventListener("pointermove", (e) => { if (drag) { x = e.clientX - drag.px; y = e.clientY - drag.py; draw(); } });
  stage.addEventListener("pointerup", () => { drag = null; });
  dialog.addEventListener("keydown", (e) => {
    switch (e.code) {
      case "Equal": case "NumpadAdd": zoomBy(1.25); break;
      case "Minus": case "NumpadSubtract": zoomBy(0.8); break;
      case "KeyR": turn = (turn + 1) % 4; draw(); break;
      default: return;
    }
    e.preventDefault();
    e.stopPropagation();
  });
  return (link) => {
    img.src = link.dataset.view;
    img.alt = link.querySelector("img")?.alt || "";
    reset();
    dialog.showModal();
  };
}
