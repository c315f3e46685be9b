/* The service worker of Sistem Informasi TPPS (tpps/lapangan.py renders it at /sw.js).
   Version {{ versi }}: the shell's files and this worker; a new version replaces the caches
   whole. The shell comes from the cache; an event page from the network, kept for when
   there is no signal; anything else goes to the network as usual. */
"use strict";
var VERSI = "{{ versi }}";
var SHELL = "tpps-shell-" + VERSI;
var HALAMAN = "tpps-halaman-" + VERSI;
var ISI_SHELL = {{ shell|safe }};
var LURING = new RegExp({{ halaman_luring|safe }});

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(ISI_SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (nama) {
    return Promise.all(nama.filter(function (n) {
      return n.indexOf("tpps-") === 0 && n !== SHELL && n !== HALAMAN;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET") { return; }
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (ISI_SHELL.indexOf(url.pathname) !== -1) {
    e.respondWith(caches.match(req, { cacheName: SHELL }).then(function (r) { return r || fetch(req); }));
    return;
  }
  if (req.mode === "navigate" && LURING.test(url.pathname)) {
    e.respondWith(fetch(req).then(function (r) {
      if (r.ok && !r.redirected) {
        var salinan = r.clone();
        caches.open(HALAMAN).then(function (c) { c.put(url.pathname, salinan); });
      }
      return r;
    }).catch(function () {
      return caches.match(url.pathname, { cacheName: HALAMAN }).then(function (r) {
        return r || caches.match("/luring/", { cacheName: SHELL });
      });
    }));
    return;
  }
  if (req.mode === "navigate") {
    e.respondWith(fetch(req).catch(function () { return caches.match("/luring/", { cacheName: SHELL }); }));
  }
});
