/* forum live client: one websocket to /ws/{event}, reconnecting with the last event id it saw.
 *
 * Include:  <script src="/static/live.js" data-event="EVENT_ID" data-view="me"></script>
 *   data-view="organizer" follows the organizer stream (runs, progress, publishes) instead of your own.
 *   Or call ForumLive.connect({event: "EVENT_ID", view: "me"}) yourself.
 *
 * Every message except pings is dispatched on `document` as CustomEvent("forum:event", {detail: msg});
 * pages update themselves from it (no location.reload()).  Frames are JSON objects:
 *   {"type":"hello","id":ID,"replayed":N}        connected; N missed messages were replayed just before
 *   {"type":"refresh","id":ID,"reason":TEXT}     too far behind to replay: refetch your data
 *   {"type":"ping"}                              keepalive, every 30 s when idle (not dispatched)
 *   {"id":ID,"type":"schedule.changed","run":R,"version":V,"changes":[{"wish","change","slot","location"}],"more":B}
 *        your meetings changed (change: added | moved | removed); more=true: fetch the full list.
 *        A pitch you present or hear on a panel changed: {"pitch","change","slot"} entries in the same list
 *   organizer view only:
 *   {"id":ID,"type":"run.queued|run.running|run.finished|run.failed|run.cancelled","run":{id,status,figures,...}}
 *   {"id":ID,"type":"run.progress","run":R,"time_limit":S,"elapsed":S,"value":V,"bound":B,"gaps":G,"met":M,"phase":P}
 *   {"id":ID,"type":"schedule.published","run":R,"version":V,"added":A,"moved":M,"removed":X,"dropped":D,
 *    "pitches_added":PA,"pitches_moved":PM,"pitches_removed":PX}
 * IDs are Redis stream ids ("1700000000000-0"); the client keeps the last one per event and view in
 * sessionStorage and sends it as ?last= on reconnect.  A "forum:live" CustomEvent with detail
 * {state: "open"|"closed"} tells pages whether they are live.
 */
(function () {
  "use strict";
  var MAX_BACKOFF = 30000, SILENCE = 75000;  // the server pings sockets idle for 30 s

  function connect(options) {
    var event = options.event, view = options.view || "me";
    var storeKey = "forum-live:" + event + ":" + view;
    var socket = null, backoff = 1000, timer = null, silence = null, stopped = false;

    function lastId() { try { return sessionStorage.getItem(storeKey); } catch (e) { return null; } }
    function remember(id) { try { if (id) sessionStorage.setItem(storeKey, id); } catch (e) { /* private mode */ } }
    function emit(name, detail) { document.dispatchEvent(new CustomEvent(name, {detail: detail})); }

    function url() {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      var query = "?view=" + encodeURIComponent(view);
      var last = lastId();
      if (last) query += "&last=" + encodeURIComponent(last);
      return scheme + location.host + "/ws/" + encodeURIComponent(event) + query;
    }

    function watchSilence() {
      clearTimeout(silence);
      silence = setTimeout(function () { if (socket) socket.close(); }, SILENCE);  // half-dead: start over
    }

    function open() {
      clearTimeout(timer);
      if (stopped || (socket && socket.readyState <= 1)) return;
      socket = new WebSocket(url());
      socket.onopen = function () { backoff = 1000; watchSilence(); emit("forum:live", {state: "open"}); };
      socket.onmessage = function (frame) {
        watchSilence();
        var msg;
        try { msg = JSON.parse(frame.data); } catch (e) { return; }
        if (msg.type === "ping") return;
        remember(msg.id);
        emit("forum:event", msg);
      };
      socket.onclose = function (closed) {
        clearTimeout(silence);
        socket = null;
        emit("forum:live", {state: "closed", code: closed.code});
        if (stopped) return;
        var wait = closed.code === 4008 ? 0 : backoff * (0.5 + Math.random());  // too slow: catch up at once
        backoff = Math.min(backoff * 2, MAX_BACKOFF);
        timer = setTimeout(open, wait);
      };
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { backoff = 1000; open(); }  // phone woke up: resync now
    });
    window.addEventListener("online", function () { backoff = 1000; open(); });
    open();
    return {close: function () { stopped = true; if (socket) socket.close(); }};
  }

  window.ForumLive = {connect: connect};
  var tag = document.currentScript;
  if (tag && tag.dataset.event) connect({event: tag.dataset.event, view: tag.dataset.view});
})();
