// Exam page: save answers as the learner goes (the whole form, so a reload resumes exactly), keep unsent
// answers until the connection is back, and count the time down. Without JavaScript the "Save my answers"
// button does the same by posting the form.
(function () {
  "use strict";
  var form = document.getElementById("exam-form");
  if (!form) { return; }
  var status = document.getElementById("save-status");
  var pending = false;
  var sending = false;

  function say(text) { if (status) { status.textContent = text; } }

  function send() {
    if (sending) { pending = true; return; }
    sending = true;
    pending = false;
    var body = new FormData(form);
    window.lmsPost(form.getAttribute("action"), body)
      .then(function (reply) {
        sending = false;
        if (reply.ok) {
          say("Saved at " + reply.data.saved_at + " UTC");
        } else if (reply.data.closed && reply.data.result) {
          window.location.assign(reply.data.result);
          return;
        } else {
          say("Not saved: " + reply.data.error);
        }
        if (pending) { send(); }
      })
      .catch(function () {
        sending = false;
        pending = true;
        say("Offline: your answers are kept on this page and will be saved when the connection is back.");
      });
  }

  form.addEventListener("change", function () { say("Saving…"); send(); });
  window.addEventListener("online", function () { if (pending) { send(); } });

  var clock = document.getElementById("time-left");
  if (clock) {
    var ends = Date.now() + parseInt(clock.getAttribute("data-seconds"), 10) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      clock.textContent = Math.floor(left / 60) + " min " + ("0" + (left % 60)).slice(-2) + " s";
      if (left === 0) {
        form.querySelector("[data-submit]").click();  // the server closes the attempt on time in any case
        return;
      }
      window.setTimeout(tick, 1000);
    };
    tick();
  }
})();
