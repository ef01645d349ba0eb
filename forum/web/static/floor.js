// Organizer dashboard: the attendance panel (#attendance) is fetched from its own page, and again whenever
// the organizer stream brings floor news (check-ins, no-shows, offers taken) or the schedule changes.
(function () {
  "use strict";
  if (window.forumFloor) return;  // the partial may be on a page twice over
  window.forumFloor = true;
  var busy = false, again = false;

  function panel() { return document.getElementById("attendance"); }

  function load() {
    var box = panel(), url = box && box.getAttribute("data-attendance");
    if (!url) return;
    if (busy) { again = true; return; }
    busy = true;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("attendance");
        var here = panel();
        if (fresh && here) here.replaceWith(document.importNode(fresh, true));
      })
      .catch(function () { /* offline for a moment: the next message or tick tries again */ })
      .then(function () { busy = false; if (again) { again = false; load(); } });
  }

  document.addEventListener("forum:event", function (e) {
    var type = (e.detail && e.detail.type) || "";
    if (/^(floor\.|meeting\.|schedule\.published|refresh)/.test(type)) load();
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load); else load();
  setInterval(load, 60000);  // the current slot moves on with the clock, without any message
})();
