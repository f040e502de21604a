// The evaluator's sheet: every change is saved as a draft at once; when the connection drops, the draft is kept
// in this browser and sent once when the connection returns (the server applies a given draft id only once).
// Without JavaScript, "Save draft" posts the form.
(function () {
  "use strict";
  var form = document.getElementById("scoring-form");
  var status = document.getElementById("save-status");
  function say(text) { if (status) { status.textContent = text; } }

  if (form) {
    var key = "lms-scoring-draft-" + form.getAttribute("data-run");
    var version = form.querySelector("input[name=version]");
    var draftId = form.querySelector("input[name=draft_id]");
    var sending = false;
    var again = false;
    var timer = null;

    var newId = function () {
      var bytes = new Uint8Array(12);
      window.crypto.getRandomValues(bytes);
      return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    };
    var snapshot = function () {
      var fields = {};
      new FormData(form).forEach(function (value, name) { fields[name] = value; });
      return fields;
    };
    var keep = function (fields) { try { window.localStorage.setItem(key, JSON.stringify(fields)); } catch (e) {} };
    var forget = function () { try { window.localStorage.removeItem(key); } catch (e) {} };

    var send = function (fields) {
      if (sending) { again = true; return; }
      sending = true;
      var body = new FormData();
      Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
      body.set("action", "save");
      window.lmsPost(form.getAttribute("action"), body)
        .then(function (reply) {
          sending = false;
          if (reply.ok) {
            version.value = reply.data.version;
            forget();
            say("Draft saved at " + reply.data.saved_at + " UTC");
          } else {
            forget();
            say(reply.data.stale ? reply.data.error : "Not saved: " + reply.data.error);
          }
          if (again) { again = false; save(); }
        })
        .catch(function () {
          sending = false;
          keep(fields);
          say("Offline: your scores are kept on this tablet and will be sent when the connection is back.");
        });
    };
    var save = function () {
      draftId.value = newId();
      var fields = snapshot();
      keep(fields);
      send(fields);
    };

    form.addEventListener("change", function () { say("Saving…"); save(); });
    form.addEventListener("input", function (event) {
      if (event.target.tagName !== "TEXTAREA") { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 1500);
    });
    form.addEventListener("submit", function () { forget(); });
    window.addEventListener("online", function () {
      var stored = window.localStorage.getItem(key);
      if (stored) { send(JSON.parse(stored)); }
    });
    var pending = window.localStorage.getItem(key);
    if (pending && navigator.onLine) { send(JSON.parse(pending)); }
  }

  var clock = document.getElementById("timer");
  var toggle = document.getElementById("timer-toggle");
  if (clock && toggle) {
    var started = null;
    var elapsed = 0;
    var tick = null;
    var show = function () {
      var seconds = Math.floor((elapsed + (started ? Date.now() - started : 0)) / 1000);
      clock.textContent = Math.floor(seconds / 60) + ":" + ("0" + (seconds % 60)).slice(-2);
    };
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      if (started) {
        elapsed += Date.now() - started;
        started = null;
        window.clearInterval(tick);
        toggle.textContent = "Start timer";
      } else {
        started = Date.now();
        tick = window.setInterval(show, 1000);
        toggle.textContent = "Stop timer";
      }
      show();
    });
  }
})();
