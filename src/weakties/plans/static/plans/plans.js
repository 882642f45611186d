// The plan page: copy the connection request, and count its characters against LinkedIn's limit.
(function () {
  function setup() {
    var text = document.getElementById("connection-message");
    if (!text) return;
    var count = document.getElementById("message-count");
    var limit = parseInt(text.dataset.limit || "300", 10);
    function update() {
      if (!count) return;
      count.textContent = count.dataset.template.replace("__N__", text.value.length);
      count.classList.toggle("error", text.value.length > limit);
    }
    text.addEventListener("input", update);
    update();
    var copy = document.getElementById("copy-message");
    if (copy) {
      copy.addEventListener("click", function () {
        var done = function () { copy.textContent = copy.dataset.copied; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text.value).then(done);
        } else {
          text.select();
          document.execCommand("copy");
          done();
        }
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
