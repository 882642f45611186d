/* The charts of an employer network's results and an organisation's own results.
   Data from json_script blocks, labels in the reader's language from data- attributes:
   no inline script (Content-Security-Policy, issue 12). */
(function () {
  "use strict";
  const accent = "#0f766e";
  const data = id => JSON.parse(document.getElementById(id).textContent);

  const perMeeting = document.getElementById("per-meeting");
  if (perMeeting) {
    const rows = data("by-meeting");
    new Chart(perMeeting, {type: "bar", data: {labels: rows.map(r => r.date), datasets: [
      {label: perMeeting.dataset.labelPlaced, data: rows.map(r => r.placements), backgroundColor: accent},
      {label: perMeeting.dataset.labelPrevented, data: rows.map(r => r.prevented), backgroundColor: "#94a3b8"}]},
      options: {responsive: true, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}});
  }
  const pipeline = document.getElementById("pipeline");
  if (pipeline) {
    const pipe = data("pipeline-data");
    // The stages in the reader's language, as the table of numbers says them.
    const stageLabel = k => (document.querySelector(`#pipeline-table tr[data-stage="${k}"] td`) || {}).textContent || k;
    new Chart(pipeline, {type: "bar", data: {labels: Object.keys(pipe).map(stageLabel), datasets: [
      {label: pipeline.dataset.labelMatches, data: Object.values(pipe), backgroundColor: accent}]},
      options: {indexAxis: "y", responsive: true, plugins: {legend: {display: false}}, scales: {x: {beginAtZero: true, ticks: {precision: 0}}}}});
  }
  const figures = document.getElementById("figures");
  if (figures && perMeeting && pipeline) figures.dataset.charts = "ready";

  const byKind = document.getElementById("by-kind");
  if (byKind) {
    const kinds = data("kinds-data");
    new Chart(byKind, {type: "bar", data: {labels: kinds.map(k => k[0]), datasets: [
      {label: byKind.dataset.labelRequests, data: kinds.map(k => k[1]), backgroundColor: accent}]},
      options: {indexAxis: "y", plugins: {legend: {display: false}}, scales: {x: {beginAtZero: true, ticks: {precision: 0}}}}});
  }
})();
