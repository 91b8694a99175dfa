// Mock exam pages: the countdown from the server's deadline, and keyboard shortcuts.
// Everything here is an extra: without JavaScript the forms post and the links work.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The countdown: the server sent the seconds left when it rendered the page; count down from the
  // moment the page arrived, so a refresh or a laptop that slept shows the server's time again.
  function startCountdown() {
    var box = document.getElementById("countdown");
    var value = document.getElementById("countdown-value");
    if (!box || !value) return;
    var left = parseInt(box.dataset.secondsLeft, 10);
    if (isNaN(left)) return;
    var end = Date.now() + left * 1000;
    var alerted = {};
    var alert = document.getElementById("countdown-alert");
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function tick() {
      var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
      value.textContent = Math.floor(seconds / 3600) + ":" + pad(Math.floor(seconds % 3600 / 60)) + ":" + pad(seconds % 60);
      box.classList.toggle("is-low", seconds <= 300);
      [300, 60].forEach(function (mark) {
        if (seconds <= mark && seconds > 0 && !alerted[mark] && alert) {
          alerted[mark] = true;
          alert.textContent = (box.dataset.label || "") + " " + value.textContent;
        }
      });
      if (seconds <= 0 && Date.now() >= end + 1000) {
        // The server submits the attempt when it is next touched: open it, it shows the result. (A
        // second later than zero: the server's count is whole seconds, and it must be past its deadline.)
        window.location.assign(box.dataset.expiredUrl);
        return;
      }
      window.setTimeout(tick, 1000 - ((end - Date.now()) % 1000 + 1000) % 1000 || 1000);
    }
    tick();
  }

  // Shortcuts: 1-9 choose, N next, P previous, F flag, G the question list, S summary, then submit.
  var KEYS = { n: "next", p: "prev", f: "flag", s: "summary", g: "navigator" };

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName) ||
        (target.tagName === "INPUT" && !/^(radio|checkbox)$/.test(target.type)))) return;
    var key = event.key.toLowerCase();
    if (/^[1-9]$/.test(key)) {
      var input = document.querySelector("#choices input[data-n='" + key + "']");
      if (input) {
        event.preventDefault();
        input.click();
        input.focus();
      }
      return;
    }
    var name = KEYS[key];
    if (key === "s" && !document.querySelector("[data-key=summary]")) name = "submit";
    var element = name && document.querySelector("[data-key=" + name + "]");
    if (!element) return;
    event.preventDefault();
    if (name === "navigator") {
      var cell = element.querySelector("[aria-current]") || element.querySelector("a");
      if (cell) cell.focus();
    } else if (!element.disabled) {
      element.click();
    }
  }

  // At most N choices for a "choose N" question: a further tick is undone and the reason shown.
  function onChange(event) {
    var input = event.target;
    var box = document.getElementById("choices");
    if (!box || input.type !== "checkbox" || !box.contains(input)) return;
    var limit = parseInt(box.dataset.choose, 10);
    if (box.querySelectorAll("input:checked").length > limit) {
      input.checked = false;
      event.stopPropagation();
      var status = document.getElementById("save-status");
      if (status) status.textContent = box.dataset.tooMany || "";
    }
  }

  // A lost connection: the pick on screen was not saved. Say so, and send the picks on screen again as
  // soon as the browser is back online (and every few seconds meanwhile); the server keeps the last.
  var retry = null;
  function resend() {
    var form = document.getElementById("answer-form");
    if (form && window.htmx) window.htmx.trigger(form, "change");
  }
  function onSendError(event) {
    var form = document.getElementById("answer-form");
    var status = document.getElementById("save-status");
    if (!form || !status || !form.contains(event.target)) return;
    status.textContent = form.dataset.offline || "";
    window.clearTimeout(retry);
    retry = window.setTimeout(resend, 5000);
  }
  document.addEventListener("htmx:sendError", onSendError);
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) window.clearTimeout(retry);
  });
  window.addEventListener("online", function () {
    var status = document.getElementById("save-status");
    var form = document.getElementById("answer-form");
    if (status && form && status.textContent === form.dataset.offline) resend();
  });

  document.addEventListener("keydown", onKey);
  document.addEventListener("change", onChange, true);
  // A pick made while the page was still loading (before htmx listened) is sent now.
  function sendEarlyPicks() {
    var form = document.getElementById("answer-form");
    if (!form) return;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("#choices input"));
    if (inputs.some(function (input) { return input.checked !== input.defaultChecked; })) resend();
  }

  document.addEventListener("DOMContentLoaded", startCountdown);
  document.addEventListener("DOMContentLoaded", sendEarlyPicks);
})();
