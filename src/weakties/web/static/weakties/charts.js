// Charts of the insights pages: every <canvas class="chart" data-kind data-source>
// reads {labels, values} from the <script type="application/json" id=data-source>.
(function () {
  "use strict";
  var colours = ["#0f766e", "#14b8a6", "#93c5fd", "#cbd5e1", "#7c3aed", "#f59e0b", "#ef4444", "#64748b"];
  var nl = (document.documentElement.lang || "").slice(0, 2) === "nl";
  var showNumbers = nl ? "Toon de cijfers" : "Show the numbers";

  // A text equivalent: the canvas is an image named by its heading and numbers,
  // and the numbers follow as a table behind a toggle.
  function describe(canvas, data) {
    var heading = canvas.getAttribute("aria-label") || "";
    var pairs = data.labels.map(function (label, i) { return label + ": " + data.values[i]; });
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", heading + (pairs.length ? " — " + pairs.join(", ") : ""));
    if (canvas.nextElementSibling && canvas.nextElementSibling.classList.contains("chart-data")) { return; }
    var details = document.createElement("details");
    details.className = "chart-data";
    var summary = document.createElement("summary");
    summary.textContent = showNumbers;
    var table = document.createElement("table");
    table.className = "list";
    if (heading) { var caption = table.createCaption(); caption.className = "sr-only"; caption.textContent = heading; }
    var body = table.createTBody();
    data.labels.forEach(function (label, i) {
      var row = body.insertRow();
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = label;
      row.appendChild(th);
      var td = row.insertCell();
      td.className = "num";
      td.textContent = String(data.values[i]);
    });
    details.appendChild(summary);
    details.appendChild(table);
    canvas.insertAdjacentElement("afterend", details);
  }

  document.querySelectorAll("canvas.chart").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    describe(canvas, data);
    if (typeof Chart === "undefined") { return; }
    var kind = canvas.dataset.kind;
    var type = kind === "hbar" ? "bar" : kind;
    canvas.dataset.points = String(data.values.length);
    new Chart(canvas, {
      type: type,
      data: {
        labels: data.labels,
        datasets: [{
          data: data.values,
          backgroundColor: kind === "doughnut" || kind === "bar" && data.values.length <= 4 ? colours : "#0f766e",
          borderColor: "#0f766e",
          fill: kind === "line",
          tension: 0.2,
          pointRadius: 0
        }]
      },
      options: {
        indexAxis: kind === "hbar" ? "y" : "x",
        animation: false,
        plugins: { legend: { display: kind === "doughnut" } },
        scales: kind === "doughnut" ? {} : { y: { beginAtZero: true } }
      }
    });
  });
})();
