/* What every page does, driven by data- attributes: no inline script, event handler or
   style attribute, so the Content-Security-Policy can forbid them (issue 12).

   - details.menu: an open menu closes when the reader clicks elsewhere or presses Escape;
   - select[data-submit]: sends its form when changed ("unless-htmx": only without htmx);
   - form[data-confirm]: asks this question before it is sent;
   - [data-width]: a bar as wide as this percentage;
   - [data-reload-after]: reloads the page after this many milliseconds (work in progress);
   - a[data-back]: goes back to the previous page (its href is the way without history). */
(function () {
  "use strict";

  document.addEventListener("click", e => document.querySelectorAll("details.menu[open]").forEach(d => {
    if (!d.contains(e.target)) d.open = false;
  }));
  document.addEventListener("keydown", e => {
    if (e.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(d => { d.open = false; d.querySelector("summary").focus(); });
  });

  document.addEventListener("change", e => {
    const select = e.target;
    if (!(select instanceof HTMLSelectElement) || !("submit" in select.dataset)) return;
    if (select.dataset.submit === "unless-htmx" && window.htmx) return;
    select.form.submit();
  });

  document.addEventListener("submit", e => {
    const question = e.target.dataset && e.target.dataset.confirm;
    if (question && !window.confirm(question)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  function widths(root) {
    const found = root.querySelectorAll ? Array.from(root.querySelectorAll("[data-width]")) : [];
    if (root.dataset && root.dataset.width !== undefined) found.push(root);
    found.forEach(el => {
      const percent = Math.max(0, Math.min(100, parseFloat(el.dataset.width) || 0));
      el.style.width = percent + "%";
    });
  }
  widths(document);
  document.addEventListener("DOMContentLoaded", () => widths(document));
  document.addEventListener("htmx:load", e => widths(e.target));

  document.addEventListener("click", e => {
    const back = e.target.closest && e.target.closest("a[data-back]");
    if (back && history.length > 1) { e.preventDefault(); history.back(); }
  });

  const reload = document.querySelector("[data-reload-after]");
  if (reload) setTimeout(() => location.reload(), parseInt(reload.dataset.reloadAfter, 10) || 3000);
})();
