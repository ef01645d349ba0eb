// Attendee pages: one-tap answers without leaving the page, and a fresh live region when the server pushes.
// Without JavaScript every form still posts and redirects; this file only makes it quicker on a phone.
(function () {
  "use strict";
  var busy = false, again = false, answers = 0;

  function region() { return document.getElementById("live"); }

  function notice(text, isError) {
    var box = document.getElementById("toast");
    if (!box) {
      box = document.createElement("p");
      box.id = "toast";
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    box.textContent = text;  // textContent: never HTML from a response
    box.className = isError ? "toast error" : "toast";
    clearTimeout(box._timer);
    box._timer = setTimeout(function () { box.className = "toast hidden"; }, 4000);
  }

  // "Declined · Undo" stays only while the decline can be undone; the server says how many seconds are left.
  function undoTimers() {
    document.querySelectorAll("[data-undo-left]").forEach(function (bar) {
      if (bar.getAttribute("data-timed")) { return; }
      bar.setAttribute("data-timed", "1");
      var left = parseFloat(bar.getAttribute("data-undo-left")) || 0;
      setTimeout(function () { if (bar.parentNode) { bar.parentNode.removeChild(bar); } }, Math.max(0, left * 1000));
    });
  }

  function swap(html, announce) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("live"), here = region();
    if (fresh && here) {
      // What the buyer was doing survives an update: open filters, and the requests ticked to decline.
      var open = [].map.call(here.querySelectorAll("details[id][open]"), function (d) { return d.id; });
      var ticked = [].map.call(here.querySelectorAll("input[name=wish]:checked"), function (i) { return i.value; });
      here.innerHTML = fresh.innerHTML;  // our own server-rendered, escaped page
      open.forEach(function (id) { var d = document.getElementById(id); if (d) { d.open = true; } });
      here.querySelectorAll("input[name=wish][type=checkbox]").forEach(function (i) {
        if (ticked.indexOf(i.value) >= 0) { i.checked = true; }
      });
      undoTimers();
    }
    var done = doc.querySelector(".notice[role=status]");
    if (done && announce) { notice(done.textContent, false); }
  }

  function address() {  // this page's address without the one-off "done" notice
    var query = new URLSearchParams(location.search);
    query.delete("done");
    var rest = query.toString();
    return location.pathname + (rest ? "?" + rest : "");
  }

  // Typing in a form must not be wiped by an update: such pages say data-refresh="no".
  // Filters being chosen (a GET form touched and not yet sent) are not wiped either: the refresh waits.
  var choosing = false;
  document.addEventListener("change", function (e) {
    if (e.target.form && e.target.form.method === "get" && region() && region().contains(e.target)) { choosing = true; }
  });

  function refresh() {
    var here = region();
    if (!here || here.getAttribute("data-refresh") !== "yes") { return; }
    if (choosing) { setTimeout(refresh, 2000); return; }  // checked again until the filters are sent
    if (busy) { again = true; return; }
    busy = true;
    var started = answers;  // an answer sent meanwhile makes this page older than the one it brought back
    fetch(address(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html && (choosing || started !== answers)) { again = true; } else if (html) { swap(html, false); }
      })
      .catch(function () { /* offline for a moment: the next event or resync tries again */ })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  // A publish tells thousands of phones at once: spread their refetches over a few seconds.
  document.addEventListener("forum:event", function (e) {
    var type = (e.detail && e.detail.type) || "";
    setTimeout(refresh, type.indexOf("schedule.") === 0 ? Math.random() * 3000 : 0);
  });
  document.addEventListener("forum:resync", refresh);

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-inline]")) { return; }
    e.preventDefault();
    answers += 1;
    var data = new URLSearchParams(new FormData(form));
    if (e.submitter && e.submitter.name) { data.append(e.submitter.name, e.submitter.value); }
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
      .then(function (res) {
        if (res.ok) { swap(res.text, true); return; }
        var doc = new DOMParser().parseFromString(res.text, "text/html");
        var msg = doc.querySelector(".error");
        notice(msg ? msg.textContent : "Something went wrong; please try again.", true);
        buttons.forEach(function (b) { b.disabled = false; });
        refresh();
      })
      .catch(function () {
        notice(document.documentElement.lang === "fr" ? "Pas de connexion ; réessayez." : "No connection; try again.", true);
        buttons.forEach(function (b) { b.disabled = false; });
      });
  });

  undoTimers();

  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) { window.print(); }
  });
})();
