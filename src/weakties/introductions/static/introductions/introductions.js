// The draft editor: the mailto: link follows the edits, and a button copies the message.
(function () {
  var form = document.getElementById("draft-form");
  if (!form) return;
  var subject = form.querySelector("[name=subject]");
  var body = form.querySelector("[name=draft]");
  var mailto = document.getElementById("mailto");
  var copy = document.getElementById("copy-draft");
  function update() {
    if (!mailto) return;
    var to = mailto.dataset.to || "";
    var cc = mailto.dataset.cc || "";
    mailto.href = "mailto:" + encodeURIComponent(to).replace("%40", "@") +
      "?cc=" + encodeURIComponent(cc).replace("%40", "@") +
      "&subject=" + encodeURIComponent(subject.value) +
      "&body=" + encodeURIComponent(body.value);
  }
  subject.addEventListener("input", update);
  body.addEventListener("input", update);
  update();
  if (copy) {
    copy.addEventListener("click", function () {
      var text = subject.value + "\n\n" + body.value;
      var done = function () { copy.textContent = copy.dataset.done; };
      var fallback = function () {
        var area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        document.body.removeChild(area);
        done();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  }
})();
