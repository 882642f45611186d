// The interactive ego-network map of the employee page (sigma.js + graphology).
(function () {
  "use strict";
  var box = document.getElementById("ego-map");
  if (!box || typeof Sigma === "undefined" || typeof graphology === "undefined") { return; }
  fetch(box.dataset.url, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var graph = new graphology.Graph({ multi: false, type: "undirected" });
      data.nodes.forEach(function (n) { graph.addNode(n.key, n); });
      data.edges.forEach(function (e) {
        if (!graph.hasEdge(e.source, e.target)) { graph.addEdge(e.source, e.target, e); }
      });
      var renderer = new Sigma(graph, box, { renderLabels: false, labelRenderedSizeThreshold: 8 });
      renderer.on("enterNode", function (ev) { box.title = graph.getNodeAttribute(ev.node, "label"); });
      box.dataset.nodes = String(graph.order);
      var count = document.getElementById("ego-count");
      if (count) { count.textContent = data.shown + " / " + data.total; }
    });
})();
