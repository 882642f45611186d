// Ambassadors pages: show the campaign form's fields for the chosen scope; copy a post's text.
(function () {
  "use strict";
  var scope = document.querySelector("#campaign-form select[name=scope]");
  function showScope() {
    document.querySelectorAll("#campaign-form [data-for-scope]").forEach(function (el) {
      el.hidden = el.dataset.forScope !== scope.value;
    });
  }
  if (scope) { scope.addEventListener("change", showScope); showScope(); }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) { return; }
    var area = document.getElementById(button.dataset.copy);
    area.select();
    var done = function () { button.textContent = button.dataset.done; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
