/* forum service worker: the signed-in attendee's agenda and printable agenda stay readable without a network.
 *
 * Served at /sw.js by forum/web/install.py, which writes the assets' version in place of __FORUM_ASSETS__, so
 * any change to a static file changes these bytes: the browser installs the new worker, which drops the old
 * static cache.
 *   - agenda pages (/e/EVENT/agenda, /e/EVENT/agenda/print): network first, so an online phone always sees
 *     fresh data; the copy is kept per address (query dropped) and shown when the network fails or is slower
 *     than NETWORK_WAIT. The kept copy says data-served="cache" and when it was fetched (offline.js shows it).
 *   - static files: cache first, in a cache named after the assets' version.
 *   - any other page: network only, our offline page when the network fails. Organizer pages, sign-in pages,
 *     POSTs and everything else are never stored.
 * Privacy: a sign-in or sign-out (any POST to /signin... or /signout) forgets every kept page at once, and the
 * sign-out answer's Clear-Site-Data header wipes the rest; an agenda answer that is no longer the page (a
 * redirect to sign-in, a refusal) forgets them too, so an ended session's agenda is not shown again.
 */
"use strict";
var VERSION = "__FORUM_ASSETS__";
var STATIC_CACHE = "forum-static-" + VERSION;
var PAGES_CACHE = "forum-pages";  // not versioned: a new release must not lose the agenda kept for offline use
var OFFLINE_PAGE = "/offline";
var SHELL = ["/static/forum.css", "/static/attendee.css", "/static/attendee.js", "/static/live.js",
             "/static/offline.js", OFFLINE_PAGE];
var KEPT = /^\/e\/[A-Za-z0-9_.-]{1,100}\/agenda(\/print)?$/;
var FORGET = /^\/(signout|signin)(\/|$)/;
var NETWORK_WAIT = 6000;  // ms: venue Wi-Fi that connects but carries nothing must not leave a blank page
var SERVED = 'data-served="network"';  // attendee/layout.html's banner: the first such text of the page

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE)
    .then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("forum-static-") === 0 && name !== STATIC_CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data === "forget") { event.waitUntil(forget()); }
});

function forget() { return caches.delete(PAGES_CACHE); }

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method !== "GET") {
    // Not answered here: the browser sends it itself, so the sign-out's Clear-Site-Data header is honoured.
    if (FORGET.test(url.pathname)) { event.waitUntil(forget()); }
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(fromCacheFirst(request));
  } else if (KEPT.test(url.pathname)) {
    event.respondWith(networkThenKept(event, request, url));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(offlinePage));
  }
});

function fromCacheFirst(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      });
    });
  });
}

function offlinePage() {
  return caches.match(OFFLINE_PAGE).then(function (page) {
    return page || new Response("offline", {status: 503, headers: {"Content-Type": "text/plain"}});
  });
}

function networkThenKept(event, request, url) {
  var key = url.origin + url.pathname;
  var network = fetch(request).then(function (response) {
    event.waitUntil(remember(key, response.clone()));
    return response;
  });
  // A page's own refetch (attendee.js) fails as it would without us: the page keeps what it shows.
  if (request.mode !== "navigate") { return network; }
  var kept = caches.open(PAGES_CACHE).then(function (cache) { return cache.match(key); });
  var fallback = network.catch(function () {
    return kept.then(function (hit) { return hit || offlinePage(); });
  });
  var slow = new Promise(function (resolve) {
    setTimeout(function () { kept.then(function (hit) { if (hit) { resolve(hit); } }); }, NETWORK_WAIT);
  });
  return Promise.race([fallback, slow]);
}

function remember(key, response) {
  // The agenda answers with a redirect only to sign in: the session is over, nothing of it may be shown offline.
  if (response.type === "opaqueredirect" || response.redirected || response.status === 401 ||
      response.status === 403) {
    return forget();
  }
  if (response.status !== 200 || response.type !== "basic") { return Promise.resolve(); }
  return response.text().then(function (html) {
    var marked = html.replace(SERVED, 'data-served="cache" data-fetched="' + Date.now() + '"');
    var headers = new Headers(response.headers);
    headers.delete("Content-Length");
    return caches.open(PAGES_CACHE).then(function (cache) {
      return cache.put(key, new Response(marked, {status: 200, headers: headers}));
    });
  });
}
