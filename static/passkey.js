// Passkeys: makes one (a form with data-passkey="register") or answers with one (a form with
// data-passkey="answer"). Before the form is sent, the challenge is fetched from the form's
// data-options address, the browser asks the person for their passkey (fingerprint, face, PIN
// or security key), and the browser's answer goes into the form's hidden field named in
// data-field; the server checks it. Messages come from the page (data-msg-*), in its language.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const fromB64 = (s) => {
    const b = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
    return Uint8Array.from(b, (c) => c.charCodeAt(0)).buffer;
  };
  const toB64 = (buf) => {
    let s = "";
    new Uint8Array(buf).forEach((b) => { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  // The server's options, with the binary fields the browser wants as buffers.
  const creation = (o) => {
    o.challenge = fromB64(o.challenge);
    o.user.id = fromB64(o.user.id);
    (o.excludeCredentials || []).forEach((c) => { c.id = fromB64(c.id); });
    return o;
  };
  const request = (o) => {
    o.challenge = fromB64(o.challenge);
    (o.allowCredentials || []).forEach((c) => { c.id = fromB64(c.id); });
    return o;
  };
  // The browser's answer as the server reads it.
  const answer = (cred) => {
    const r = cred.response;
    const out = { id: cred.id, rawId: toB64(cred.rawId), type: cred.type, extensions: {} };
    if (r.attestationObject) {
      out.response = { attestationObject: toB64(r.attestationObject), clientDataJSON: toB64(r.clientDataJSON) };
      if (r.getTransports) out.response.transports = r.getTransports();
    } else {
      out.response = {
        authenticatorData: toB64(r.authenticatorData),
        clientDataJSON: toB64(r.clientDataJSON),
        signature: toB64(r.signature),
        userHandle: r.userHandle ? toB64(r.userHandle) : null,
      };
    }
    return JSON.stringify(out);
  };

  document.querySelectorAll("form[data-passkey]").forEach((form) => {
    const field = form.elements[form.dataset.field];
    const error = form.querySelector("[data-passkey-error]");
    const say = (key) => {
      if (!error) return;
      error.textContent = form.dataset[key] || "";
      error.hidden = false;
    };
    form.addEventListener("submit", async (e) => {
      if (field.value) return; // an answer kept from before: send it as it is
      e.preventDefault();
      if (!window.PublicKeyCredential || !navigator.credentials) { say("msgUnsupported"); return; }
      const register = form.dataset.passkey === "register";
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const res = await fetch(form.dataset.options, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRF-Token": form.elements.csrf.value },
        });
        if (!res.ok) { say("msgFailed"); return; }
        const options = (await res.json()).publicKey;
        const cred = register
          ? await navigator.credentials.create({ publicKey: creation(options) })
          : await navigator.credentials.get({ publicKey: request(options) });
        if (!cred) { say("msgCancelled"); return; }
        field.value = answer(cred);
        form.submit();
      } catch (err) {
        say(err && err.name === "NotAllowedError" ? "msgCancelled"
          : err && err.name === "InvalidStateError" ? "msgKnown"
          : err && err.name === "SecurityError" ? "msgAddress" : "msgFailed");
      } finally {
        button.disabled = false;
      }
    });
  });
});
