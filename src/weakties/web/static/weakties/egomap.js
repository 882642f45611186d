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
      listPeople(graph, renderer);
      var count = document.getElementById("ego-count");
      if (count) { count.textContent = data.shown + " / " + data.total; }
    });

  // The map's people as a list of buttons: reachable with the keyboard and by screen readers,
  // and each shows its name on the map (issue 11). Names go in as text, never as HTML.
  function listPeople(graph, renderer) {
    var list = document.querySelector("#ego-people .ego-list");
    if (!list) { return; }
    var chosen = null;
    graph.forEachNode(function (key, attrs) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = attrs.label || key;
      button.addEventListener("click", function () {
        if (chosen !== null && graph.hasNode(chosen)) { graph.setNodeAttribute(chosen, "highlighted", false); }
        chosen = key;
        graph.setNodeAttribute(key, "highlighted", true);
        graph.setNodeAttribute(key, "forceLabel", true);
        box.title = attrs.label || key;
        renderer.refresh();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }
})();
