// Concord's only script. Pages work without it; it makes htmx requests carry the antiforgery token
// and moves focus to content that htmx swaps in, so keyboard and screen reader users are not lost.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="request-verification-token"]');
  document.addEventListener("htmx:configRequest", function (event) {
    if (meta) {
      event.detail.headers["RequestVerificationToken"] = meta.getAttribute("content");
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var focus = target && target.querySelector("[data-focus-after-swap]");
    if (focus) {
      focus.focus();
    }
  });
  // Error summaries take focus when the page loads, as people expect after submitting a form.
  // With this script running, Concord's own error messages replace the browser's built-in ones.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) { form.noValidate = true; });
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  });
  // Buttons that confirm an irreversible action ask once.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // Copy buttons (data-copy="id of a read-only field") appear only with this script; without it the field is selected by hand.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy]").forEach(function (button) { button.hidden = false; });
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    var id = button.getAttribute("data-copy");
    var field = document.getElementById(id);
    var result = document.querySelector('[data-copy-result="' + id + '"]');
    if (!field) {
      return;
    }
    field.select();
    var say = function (words) { if (result) { result.textContent = words; } };
    var fallback = function () {
      say(document.execCommand && document.execCommand("copy") ? "Link copied." : "Press Ctrl+C (or Cmd+C) to copy the selected link.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(function () { say("Link copied."); }, fallback);
    } else {
      fallback();
    }
  });
})();
