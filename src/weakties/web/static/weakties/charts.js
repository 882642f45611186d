// Charts of the insights pages: every <canvas class="chart" data-kind data-source>
// reads {labels, values} from the <script type="application/json" id=data-source>.
(function () {
  "use strict";
  var colours = ["#0f766e", "#14b8a6", "#93c5fd", "#cbd5e1", "#7c3aed", "#f59e0b", "#ef4444", "#64748b"];
  document.querySelectorAll("canvas.chart").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
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
