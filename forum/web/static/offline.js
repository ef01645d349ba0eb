/* Attendee pages offline: registers the service worker (/sw.js) and shows "offline, updated HH:MM".
 *
 * The banner is attendee/layout.html's #offline-banner; its sentence comes translated in data-text, with
 * {time} for the time of the data shown. The service worker marks the copy it keeps with
 * data-served="cache" and data-fetched (ms): such a copy always shows the banner, until a fresh #live arrives.
 * A page from the network shows it only while the phone is offline, with the time it was loaded or last
 * refreshed. Back online, a kept copy asks attendee.js for fresh data ("forum:resync").
 * On our offline page, the link to the agenda is pointed at this event's agenda.
 */
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    var controlled = !!navigator.serviceWorker.controller;
    // The first visit is loaded before the worker runs: once it controls the page, fetch an agenda once more
    // through it, so that this very visit is kept for offline use.
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (controlled) { return; }
      controlled = true;
      if (/\/agenda(\/print)?$/.test(location.pathname)) {
        fetch(location.pathname, {credentials: "same-origin", headers: {"Accept": "text/html"}})
          .catch(function () { /* offline already: the next visit keeps it */ });
      }
    });
    navigator.serviceWorker.register("/sw.js", {scope: "/"})
      .catch(function () { /* no offline copy then; every page still works online */ });
  }

  var agenda = document.querySelector("a[data-agenda-link]");
  var event = location.pathname.match(/^\/e\/([A-Za-z0-9_.-]{1,100})(\/|$)/);
  if (agenda && event) { agenda.setAttribute("href", "/e/" + event[1] + "/agenda"); }

  var banner = document.getElementById("offline-banner");
  if (!banner) { return; }
  var stale = banner.getAttribute("data-served") === "cache";
  var fetched = Number(banner.getAttribute("data-fetched")) || Date.now();

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function clock(ms) {
    var when = new Date(ms);
    return two(when.getHours()) + ":" + two(when.getMinutes());  // HH:MM in both languages
  }

  function show() {
    banner.textContent = (banner.getAttribute("data-text") || "").replace("{time}", clock(fetched));
    banner.hidden = !(stale || !navigator.onLine);
  }

  window.addEventListener("offline", show);
  window.addEventListener("online", function () {
    if (stale) { document.dispatchEvent(new CustomEvent("forum:resync")); }
    show();
  });
  var live = document.getElementById("live");
  if (live && window.MutationObserver) {  // attendee.js swapped in fresh data from the network
    new MutationObserver(function () { stale = false; fetched = Date.now(); show(); })
      .observe(live, {childList: true});
  }
  show();
})();
