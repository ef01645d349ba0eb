// Organizer console: refresh a run's live panel when the organizer stream says the run moved.
// live.js (the websocket client) dispatches `forum:event` on document; a slow poll covers a dropped socket.
(function () {
  "use strict";
  // Hand changes by any organizer (meeting.changed) are announced on every console page.
  document.addEventListener("forum:event", function (e) {
    var d = e.detail, note = document.getElementById("live-note");
    if (!note || !d || d.type !== "meeting.changed" || !d.audit) return;
    note.textContent = d.audit.who + ": " + d.audit.action + " " + d.audit.meeting + " (" + d.audit.detail + ")";
    note.hidden = false;
  });
})();
(function () {
  "use strict";
  var panel = document.getElementById("run-panel");
  if (!panel) return;
  var url = panel.getAttribute("data-live-url");
  var busy = false, again = false;

  function current() { return document.getElementById("run-live"); }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html) {
          var box = current();
          if (box) box.outerHTML = html;
        }
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  function ours(detail) {
    var box = current();
    if (!box || !detail || typeof detail.type !== "string") return false;
    if (detail.type === "refresh") return true;
    if (detail.type.indexOf("run.") !== 0 && detail.type !== "schedule.published") return false;
    var run = detail.run && typeof detail.run === "object" ? detail.run.id : detail.run;
    return !run || run === box.getAttribute("data-run");
  }

  document.addEventListener("forum:event", function (e) { if (ours(e.detail)) refresh(); });
  setInterval(function () {
    var box = current();
    if (box && box.getAttribute("data-active") === "yes") refresh();
  }, 3000);
})();
