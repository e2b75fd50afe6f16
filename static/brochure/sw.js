/* The offline reader's service worker (apps/brochure/reader.py serves it from /brochure/reader/sw.js, with
 * self.BROCHURE_READER = {version, precache, reader} on its first line).
 *
 * It keeps the reader's shell: the page, its script, styles, manifest and icons. The page is asked of the network
 * first (so an update arrives at once) and taken from the cache offline, or when the network answers with the
 * log-in page (a session that ended); the static files come from the cache. The brochure itself is kept by the
 * page (reader.js), in a cache of its own. */
"use strict";

var CONFIG = self.BROCHURE_READER;
var SHELL = "brochure-reader-shell-" + CONFIG.version;
var PRECACHE = CONFIG.precache;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL)
      .then(function (cache) { return cache.addAll(PRECACHE.map(function (url) { return new Request(url, { credentials: "same-origin" }); })); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("brochure-reader-shell-") === 0 && name !== SHELL;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function isPage(request, url) {
  return request.mode === "navigate" && url.pathname === CONFIG.reader;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (isPage(request, url)) {
    event.respondWith(
      fetch(request)
        .then(function (response) {
          if (response.ok && !response.redirected) {
            var kept = response.clone();
            caches.open(SHELL).then(function (cache) { cache.put(CONFIG.reader, kept); });
            return response;
          }
          return caches.match(CONFIG.reader).then(function (cached) { return cached || response; });
        })
        .catch(function () {
          return caches.match(CONFIG.reader).then(function (cached) { return cached || Response.error(); });
        })
    );
    return;
  }
  if (PRECACHE.indexOf(url.pathname) !== -1) {
    event.respondWith(
      caches.match(request.url).then(function (cached) { return cached || fetch(request); })
    );
  }
});
