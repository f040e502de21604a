// lmsPost(url, formData): POST a form in the background and read the server's JSON answer, as {ok, data}.
// A network failure rejects (the caller keeps the data for later); an answer that is not JSON resolves as a
// refusal. Shared by the pages that save as the user goes (exams, role-play scoring).
window.lmsPost = function (url, body) {
  "use strict";
  return fetch(url, { method: "POST", body: body, credentials: "same-origin",
                      headers: { "X-Requested-With": "fetch", "Accept": "application/json" } })
    .then(function (response) {
      return response.json()
        .then(function (data) { return { ok: response.ok, data: data }; })
        .catch(function () {
          return { ok: false, data: { error: "the server answered " + response.status + ": reload the page." } };
        });
    });
};
