// Organizer console: keep pages current from the organizer stream without reloading them.
// live.js (the websocket client) dispatches `forum:event` on document; see its header for the messages.
(function () {
  "use strict";

  function announce(d) {
    var note = document.getElementById("live-note");
    if (!note || d.type !== "meeting.changed" || !d.audit) return;
    note.textContent = d.audit.who + ": " + d.audit.action + " " + d.audit.meeting + " (" + d.audit.detail + ")";
    note.hidden = false;
  }

  // Parts marked data-refresh-on="run. meeting.changed ..." are refetched (same URL) and swapped by id.
  var pending = null;
  function swapParts(types) {
    var parts = Array.prototype.filter.call(document.querySelectorAll("[data-refresh-on][id]"), function (el) {
      return el.getAttribute("data-refresh-on").split(" ").some(function (p) {
        return types.some(function (t) { return t.indexOf(p) === 0; });
      });
    });
    if (!parts.length) return;
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        parts.forEach(function (el) {
          var next = fresh.getElementById(el.id);
          if (next) el.replaceWith(document.importNode(next, true));
        });
      })
      .catch(function () {});
  }

  var queued = [];
  document.addEventListener("forum:event", function (e) {
    var d = e.detail;
    if (!d || typeof d.type !== "string" || d.type === "run.progress") return;
    announce(d);
    queued.push(d.type === "refresh" ? "run.refresh" : d.type);
    clearTimeout(pending);  // a publish sends a burst: refetch once
    pending = setTimeout(function () { var t = queued; queued = []; swapParts(t); }, 300);
  });
})();

// A run's page: its live panel follows progress messages; a slow poll covers a dropped socket.
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
        var box = current();
        if (html && box) box.outerHTML = html;
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

// Print buttons (table sheets): a listener, since the CSP forbids inline onclick handlers.
document.addEventListener("click", function (e) {
  if (e.target instanceof Element && e.target.closest("[data-print]")) window.print();
});
