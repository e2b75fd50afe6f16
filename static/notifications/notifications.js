// Live unread count: short polling of a tiny JSON document; announces new notifications politely.
(() => {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const badge = document.querySelector("[data-unread-badge]");
    if (!badge || !window.fetch) return;
    const counter = badge.querySelector("[data-unread-count]");
    const url = badge.dataset.unreadUrl;
    const seconds = Math.max(5, parseInt(badge.dataset.pollSeconds, 10) || 15);
    const inboxNew = document.querySelector("[data-inbox-new]");
    const announcer = document.createElement("div");
    announcer.className = "visually-hidden";
    announcer.setAttribute("role", "status");
    announcer.setAttribute("aria-live", "polite");
    document.body.appendChild(announcer);
    let last = parseInt(counter.textContent, 10) || 0;
    let latestId = null;
    let timer = null;

    // The badge in the navigation and its mirror on the phone's menu button show the same count.
    const mirrors = Array.from(document.querySelectorAll("[data-unread-mirror]"));
    const show = (data) => {
      counter.textContent = data.label;
      badge.hidden = data.unread === 0;
      mirrors.forEach((mirror) => {
        mirror.querySelector("[data-unread-count]").textContent = data.label;
        mirror.hidden = data.unread === 0;
      });
      const newest = data.latest ? data.latest.id : null;
      if (data.unread > last || (newest && latestId !== null && newest !== latestId)) {
        if (data.latest) announcer.textContent = data.latest.text;
        if (inboxNew) inboxNew.hidden = false;
      }
      last = data.unread;
      latestId = newest;
    };

    const poll = async () => {
      timer = null;
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (response.ok && (response.headers.get("Content-Type") || "").includes("json")) {
          show(await response.json());
        }
      } catch (error) {
        // Offline for a moment: try again at the next tick.
      }
      schedule();
    };
    const schedule = () => {
      if (!document.hidden && timer === null) timer = window.setTimeout(poll, seconds * 1000);
    };
    document.addEventListener("visibilitychange", () => {
      if (document.hidden) {
        window.clearTimeout(timer);
        timer = null;
      } else {
        poll();
      }
    });
    schedule();
  });
})();
