/* The "copy" button of the forward page: copies the text to forward (issue 12: no inline script). */
(function () {
  "use strict";
  const button = document.getElementById("copy-text");
  if (!button) return;
  button.addEventListener("click", function () {
    const area = document.getElementById("forward-text");
    const done = function () { button.textContent = button.dataset.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done);
    } else {
      area.select(); document.execCommand("copy"); done();
    }
  });
})();
