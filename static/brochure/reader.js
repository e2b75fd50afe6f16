/* The offline reader of the Benelux brochure (templates/brochure/reader.html, apps/brochure/reader.py).
 *
 * It keeps the latest edition in the chosen language (one JSON document, with the contact points) in the
 * browser's Cache Storage, shows it from there, and when online asks which edition is the latest: a new number
 * means a new copy. The service worker (sw.js) keeps the page itself, so the reader opens without a network. */
(function () {
  "use strict";

  var body = document.body;
  if (!body || !body.hasAttribute("data-reader")) { return; }

  var DATA_CACHE = "brochure-reader-data";
  var CHECK_EVERY_MS = 15 * 60 * 1000;
  var main = document.querySelector("[data-reader-main]");
  var status = document.querySelector("[data-reader-status]");
  var select = document.querySelector("[data-reader-language]");
  var copy = null;

  function t(name, values) {
    var text = body.getAttribute("data-t-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("%(" + key + ")s").join(values[key]);
    });
    return text;
  }

  function language() {
    var stored = null;
    try { stored = window.localStorage.getItem("brochure-reader-language"); } catch (error) { stored = null; }
    return stored || body.getAttribute("data-language") || "nl";
  }

  function dataUrl(lang) {
    return body.getAttribute("data-edition-url") + "?lang=" + encodeURIComponent(lang);
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function languageName(code) {
    try {
      return new Intl.DisplayNames([document.documentElement.lang], { type: "language" }).of(code);
    } catch (error) {
      return code;
    }
  }

  function age(isoDate) {
    var when = new Date(isoDate);
    var lang = document.documentElement.lang;
    // English dates the European way, as on every page of the portal: "30 Dec 2026, 08:00" (en-GB), not "Dec 30".
    var formatted = when.toLocaleString(lang === "en" ? "en-GB" : lang, { dateStyle: "medium", timeStyle: "short" });
    var days = Math.floor((Date.now() - when.getTime()) / 86400000);
    if (days >= 1 && window.Intl && Intl.RelativeTimeFormat) {
      formatted += " (" + new Intl.RelativeTimeFormat(lang, { numeric: "auto" }).format(-days, "day") + ")";
    }
    return formatted;
  }

  function say(message, offline) {
    status.textContent = message;
    status.classList.toggle("reader__status--offline", Boolean(offline));
  }

  function describeCopy(extra, offline) {
    if (!copy || !copy.edition) { say(extra || t("none"), offline); return; }
    var text = t("copy", { edition: copy.edition.label, when: age(copy.fetched_at) });
    say(text + (extra ? " " + extra : ""), offline);
  }

  // Showing the copy --------------------------------------------------------------------------------------

  function showContents() {
    main.replaceChildren();
    if (!copy || !copy.edition) { main.appendChild(element("p", {}, copy ? t("unpublished") : t("none"))); return; }
    main.appendChild(element("h1", {}, t("contents")));
    var list = element("ol", { "class": "reader__toc" });
    copy.chapters.forEach(function (chapter) {
      var item = element("li");
      item.appendChild(element("a", { href: "#/c/" + chapter.key, lang: chapter.language }, chapter.title));
      var sections = element("ol");
      chapter.sections.forEach(function (section) {
        var entry = element("li");
        entry.appendChild(element("a", { href: "#/c/" + chapter.key + "/" + section.key, lang: section.language }, section.title));
        sections.appendChild(entry);
      });
      item.appendChild(sections);
      list.appendChild(item);
    });
    main.appendChild(list);
  }

  function showChapter(key, sectionKey) {
    var chapter = copy && copy.chapters.filter(function (c) { return c.key === key; })[0];
    if (!chapter) { showContents(); return; }
    main.replaceChildren();
    main.appendChild(element("p")).appendChild(element("a", { href: "#/" }, "← " + t("back")));
    main.appendChild(element("h1", { lang: chapter.language }, chapter.title));
    var target = null;
    chapter.sections.forEach(function (section) {
      var part = element("section", { "class": "reader__section", id: "s-" + section.key });
      part.appendChild(element("h2", { lang: section.language }, section.title));
      if (section.is_fallback) {
        part.appendChild(element("p", { "class": "reader__fallback" }, t("fallback", { language: languageName(section.language) })));
      }
      var text = element("div", { lang: section.language });
      // Sanitised on the server (markdown-it-py with raw HTML off, then nh3): safe to insert as HTML.
      text.innerHTML = section.body_html;
      part.appendChild(text);
      main.appendChild(part);
      if (section.key === sectionKey) { target = part; }
    });
    (target || main).scrollIntoView();
    main.focus({ preventScroll: Boolean(target) });
  }

  function showContacts() {
    main.replaceChildren();
    main.appendChild(element("p")).appendChild(element("a", { href: "#/" }, "← " + t("back")));
    main.appendChild(element("h1", {}, t("contacts")));
    if (!copy) { return; }
    var country = null;
    var list = null;
    copy.contacts.forEach(function (contact) {
      if (contact.country !== country) {
        country = contact.country;
        main.appendChild(element("h2", {}, contact.country_name));
        list = main.appendChild(element("ul", { "class": "reader__contacts" }));
      }
      var item = element("li", { lang: contact.language });
      item.appendChild(element("strong", {}, contact.organisation));
      if (contact.service) { item.appendChild(element("div", {}, contact.service)); }
      var phone = element("div", {}, t("telephone") + ": ");
      phone.appendChild(element("a", { href: "tel:" + contact.phone.replace(/\s+/g, "") }, contact.phone));
      item.appendChild(phone);
      if (contact.secure_email) {
        var mail = element("div", {}, t("email") + ": ");
        mail.appendChild(element("a", { href: "mailto:" + contact.secure_email }, contact.secure_email));
        item.appendChild(mail);
      }
      if (contact.hours) { item.appendChild(element("div", {}, t("hours") + ": " + contact.hours)); }
      if (contact.notes) { item.appendChild(element("div", {}, contact.notes)); }
      list.appendChild(item);
    });
  }

  function route() {
    var hash = window.location.hash || "#/";
    var parts = hash.replace(/^#\//, "").split("/");
    if (parts[0] === "c" && parts[1]) { showChapter(parts[1], parts[2]); }
    else if (parts[0] === "contacts") { showContacts(); }
    else { showContents(); }
  }

  // Keeping the copy --------------------------------------------------------------------------------------

  function readCopy(lang) {
    if (!window.caches) { return Promise.resolve(null); }
    return caches.open(DATA_CACHE)
      .then(function (cache) { return cache.match(dataUrl(lang)); })
      .then(function (response) { return response ? response.json() : null; })
      .catch(function () { return null; });
  }

  function download(lang) {
    return fetch(dataUrl(lang), { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok || response.redirected) { throw new Error("not available"); }
        var kept = response.clone();
        return response.json().then(function (data) {
          if (!window.caches) { return data; }
          return caches.open(DATA_CACHE)
            .then(function (cache) { return cache.put(dataUrl(lang), kept); })
            .then(function () { return data; });
        });
      });
  }

  function latestNumber() {
    return fetch(body.getAttribute("data-latest-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok || response.redirected) { throw new Error("not available"); }
        return response.json();
      })
      .then(function (latest) { return latest.number; });
  }

  function check() {
    var lang = language();
    var had = copy && copy.edition ? copy.edition.number : null;
    return latestNumber()
      .then(function (number) {
        if (copy && had === number && copy.language === lang) { describeCopy(t("current")); return; }
        if (!copy) { say(t("loading")); }
        return download(lang).then(function (data) {
          copy = data;
          body.setAttribute("data-reader-edition", data.edition ? data.edition.number : "");
          route();
          describeCopy(had !== null ? t("updated") : "");
        });
      })
      .catch(function () { describeCopy(t("offline"), true); })
      .then(function () { body.setAttribute("data-reader-ready", "true"); });
  }

  function start() {
    var lang = language();
    select.value = lang;
    return readCopy(lang).then(function (data) {
      copy = data;
      if (copy) { body.setAttribute("data-reader-edition", copy.edition ? copy.edition.number : ""); }
      route();
      describeCopy("");
      return check();
    });
  }

  select.addEventListener("change", function () {
    try { window.localStorage.setItem("brochure-reader-language", select.value); } catch (error) { /* private mode */ }
    start();
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("online", check);
  window.setInterval(function () { if (navigator.onLine) { check(); } }, CHECK_EVERY_MS);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(body.getAttribute("data-worker-url"), { scope: body.getAttribute("data-scope") })
      .catch(function () { /* the reader still works online without it */ });
  }
  start();
}());
