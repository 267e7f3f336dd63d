// The org chart: Cytoscape with a top-down layered (dagre) layout.
// Data comes from the graph JSON endpoint; labels are drawn on canvas and tooltips set with textContent,
// so names are always text. Drag a card onto another to change who the person reports to.
(function () {
  "use strict";
  var box = document.getElementById("orgchart");
  if (!box || typeof cytoscape === "undefined") { return; }
  if (typeof cytoscapeDagre !== "undefined") { cytoscape.use(cytoscapeDagre); }
  var status = document.getElementById("org-status");
  var ds = box.dataset;
  var ATTITUDE = { advocate: "#1b7f3b", supporter: "#4caf50", neutral: "#90a4ae", skeptic: "#f59e0b",
                   opponent: "#d32f2f", unknown: "#cfd8dc", "": "#e2e8f0" };
  var DARK_TEXT = { unknown: true, "": true, neutral: true, skeptic: true };
  var tip = document.createElement("div");
  tip.className = "tooltip";
  tip.hidden = true;
  box.appendChild(tip);

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return values[key] || ""; });
  }

  function clip(text, max) {
    var chars = Array.from(text || "");
    return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : chars.join("");
  }

  function cardLabel(d, max) {
    var lines = [clip(d.name, max)];
    if (d.title) { lines.push(clip(d.title, max)); }
    if (d.roles && d.roles.length) { lines.push(clip(d.roles.join(" · "), max)); }
    return lines.join("\n");
  }

  var cy = cytoscape({
    container: box,
    wheelSensitivity: 0.3,
    hideEdgesOnViewport: true,
    textureOnViewport: true,
    minZoom: 0.05,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "shape": "round-rectangle",
        "label": "data(label)",
        "text-wrap": "wrap",
        "text-max-width": "1000px",  // lines are short already; no per-character wrapping of CJK text
        "text-valign": "center",
        "text-halign": "center",
        "font-family": getComputedStyle(document.body).fontFamily,
        "font-size": "data(fontSize)",
        "line-height": 1.35,
        "width": "data(w)",
        "height": "data(h)",
        "background-color": "data(fill)",
        "color": "data(ink)",
        "border-width": "data(border)",
        "border-color": "#0f2744",
        "padding": "6px"
      } },
      { selector: "node.left", style: { "opacity": 0.45, "background-color": "#e5e7eb", "color": "#6b7280",
        "border-style": "dashed", "border-color": "#9ca3af" } },
      { selector: "node.drop-target", style: { "border-width": 4, "border-color": "#1d4ed8" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#1d4ed8" } },
      { selector: "edge", style: { "curve-style": "bezier", "width": 1.5, "line-color": "#64748b",
        "target-arrow-shape": "none" } },
      { selector: "edge[kind = 'reports']", style: { "curve-style": "taxi", "taxi-direction": "downward" } },
      { selector: "edge[kind = 'dotted']", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
      { selector: "edge[kind = 'influence']", style: { "line-color": "#7c3aed", "target-arrow-color": "#7c3aed",
        "target-arrow-shape": "triangle", "width": "data(width)", "opacity": 0.75 } }
    ]
  });

  function decorate(graph) {
    graph.nodes.forEach(function (n) {
      var d = n.data;
      var scale = 1 + Math.min(100, Math.max(0, d.score || 0)) / 100;  // 1..2 by influence score
      d.w = Math.round(140 + 60 * (scale - 1) * 2);
      d.h = Math.round(58 + 22 * scale + (d.roles && d.roles.length ? 16 : 0));
      d.fontSize = Math.round(13 + 4 * (scale - 1));
      d.fill = ATTITUDE[d.attitude || ""] || ATTITUDE[""];
      d.ink = DARK_TEXT[d.attitude || ""] ? "#1f2933" : "#ffffff";
      d.border = d.score >= 60 ? 3 : 1;
      d.label = cardLabel(d, Math.floor(d.w / (d.fontSize * 0.75)));
      n.classes = d.left ? "left" : "";
    });
    graph.edges.forEach(function (e) {
      if (e.data.kind === "influence") { e.data.width = 1 + (e.data.strength || 1); }
    });
    return graph.nodes.concat(graph.edges);
  }

  var linksBox = document.querySelector("[data-org=links]");

  // Fit the whole chart, but never below a zoom where names stay readable on a projector:
  // a big org starts at the top of the tree, centred, and the reader pans or presses Fit.
  var READABLE_ZOOM = 0.65;
  function fitAll() {
    // Cards hold their labels, so the box without labels is enough (and much cheaper to measure).
    var bb = cy.nodes().boundingBox({ includeLabels: false });
    var pad = 24;
    var zoom = Math.min((box.clientWidth - 2 * pad) / Math.max(bb.w, 1), (box.clientHeight - 2 * pad) / Math.max(bb.h, 1));
    zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), zoom));
    cy.viewport({ zoom: zoom, pan: { x: (box.clientWidth - zoom * (bb.x1 + bb.x2)) / 2, y: (box.clientHeight - zoom * (bb.y1 + bb.y2)) / 2 } });
    return bb;
  }

  function readableFit() {
    var bb = fitAll();
    if (cy.zoom() >= READABLE_ZOOM) { return; }
    var topY = Math.min.apply(null, cy.nodes().map(function (n) { return n.position("y"); }));
    var head = null;  // the most influential card in the top row
    cy.nodes().forEach(function (n) {
      if (Math.abs(n.position("y") - topY) < 5 && (!head || n.data("score") > head.data("score"))) { head = n; }
    });
    cy.zoom(READABLE_ZOOM);
    cy.pan({ x: box.clientWidth / 2 - READABLE_ZOOM * head.position("x"), y: 24 - READABLE_ZOOM * bb.y1 });
  }

  // Small charts: dagre (crossing minimisation reads best). Big charts: our linear tree layout,
  // because dagre needs seconds there (see bench/pages.py).
  var DAGRE_MAX_CARDS = 150;

  function done() {
    readableFit();
    box.classList.remove("loading");
    // "Done" after the next frame has been drawn, so benchmarks and tests measure a painted chart.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (window.performance && performance.mark) { performance.mark("orgchart:layout"); }
        box.dataset.layoutDone = String(Date.now());
        document.dispatchEvent(new CustomEvent("orgchart:ready", { detail: { nodes: cy.nodes().length } }));
      });
    });
  }

  function layout() {
    var reports = cy.edges("[kind = 'reports']");
    if (cy.nodes().length > DAGRE_MAX_CARDS || typeof cytoscapeDagre === "undefined") {
      var pos = window.battlemapTreeLayout.positions(
        cy.nodes().map(function (n) { return { id: n.id(), w: n.data("w"), h: n.data("h") }; }),
        reports.map(function (e) { return { source: e.data("source"), target: e.data("target") }; }),
        { gapX: 24, gapY: 70 });
      cy.batch(function () { cy.nodes().forEach(function (n) { n.position(pos[n.id()]); }); });
      if (window.performance && performance.mark) { performance.mark("orgchart:positioned"); }
      done();
      return;
    }
    var run = cy.nodes().union(reports).layout({ name: "dagre", rankDir: "TB", nodeSep: 24, rankSep: 70,
                                                  animate: false, ranker: "longest-path" });
    run.one("layoutstop", function () {
      if (window.performance && performance.mark) { performance.mark("orgchart:positioned"); }
      done();
    });
    run.run();
  }

  var MANY_LINKS = 300;
  var firstLoad = true;
  var influenceEdges = [];

  function load() {
    return fetch(ds.graphUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (graph) {
        if (window.performance && performance.mark) { performance.mark("orgchart:data"); }
        var elements = decorate(graph);
        influenceEdges = elements.filter(function (el) { return el.data.kind === "influence"; });
        if (firstLoad && linksBox && influenceEdges.length > MANY_LINKS) {
          linksBox.checked = false;  // thousands of arrows hide the tree; the reader can switch them on
        }
        firstLoad = false;
        var showLinks = !linksBox || linksBox.checked;
        cy.startBatch();
        cy.elements().remove();
        // Hidden arrows are not added at all: thousands of hidden edges still cost a second to draw.
        cy.add(showLinks ? elements : elements.filter(function (el) { return el.data.kind !== "influence"; }));
        cy.endBatch();
        if (window.performance && performance.mark) { performance.mark("orgchart:added"); }
        layout();
      })
      .catch(function (err) { say(ds.msgError + " " + err.message, true); });
  }

  // tooltips: plain text only
  cy.on("mouseover", "node", function (evt) {
    var d = evt.target.data();
    var parts = [d.name];
    if (d.title) { parts.push(d.title); }
    if (d.attitude_label) { parts.push(d.attitude_label); }
    if (d.roles && d.roles.length) { parts.push(d.roles.join(" · ")); }
    parts.push(ds.labelScore + " " + d.score);
    (d.drivers || []).forEach(function (text) { parts.push("· " + text); });
    if (d.left) { parts.push(ds.labelLeft); }
    tip.textContent = parts.join("\n");
    tip.style.whiteSpace = "pre-line";
    var p = evt.renderedPosition;
    tip.style.left = (p.x + 12) + "px";
    tip.style.top = (p.y + 12) + "px";
    tip.hidden = false;
  });
  cy.on("mouseout drag pan zoom", "node", function () { tip.hidden = true; });
  cy.on("pan zoom", function () { tip.hidden = true; });

  cy.on("dbltap", "node", function (evt) {
    if (ds.personUrl) { window.location.assign(ds.personUrl.replace("{id}", String(evt.target.data("pid")))); }
  });

  // drag a card onto another card: reparent
  function nodeUnder(node) {
    var pos = node.position();
    var hit = null;
    cy.nodes().forEach(function (other) {
      if (other.id() === node.id() || hit) { return; }
      var bb = other.boundingBox();
      if (pos.x >= bb.x1 && pos.x <= bb.x2 && pos.y >= bb.y1 && pos.y <= bb.y2) { hit = other; }
    });
    return hit;
  }
  cy.on("drag", "node", function (evt) {
    cy.nodes().removeClass("drop-target");
    var target = nodeUnder(evt.target);
    if (target) { target.addClass("drop-target"); }
  });
  cy.on("free", "node", function (evt) {
    cy.nodes().removeClass("drop-target");
    if (!ds.reparentUrl) { return; }
    var node = evt.target;
    var target = nodeUnder(node);
    if (!target) { return; }
    var form = new FormData();
    form.append("person", node.data("pid"));
    form.append("manager", target.data("pid"));
    form.append("version", node.data("version"));
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    fetch(ds.reparentUrl, { method: "POST", body: form, credentials: "same-origin",
                            headers: { "X-CSRFToken": token ? token.value : "" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (res.ok) {
          say(fmt(ds.msgSaved, { name: node.data("name"), manager: target.data("name") }), false);
        } else {
          var msgs = [];
          Object.keys(res.body.errors || {}).forEach(function (k) { msgs = msgs.concat(res.body.errors[k]); });
          say(ds.msgError + " " + msgs.join(" "), true);
        }
        return load();
      })
      .catch(function (err) { say(ds.msgError + " " + err.message, true); });
  });

  document.querySelectorAll("[data-org]").forEach(function (el) {
    var action = el.getAttribute("data-org");
    el.addEventListener(action === "links" ? "change" : "click", function () {
      if (action === "fit") { fitAll(); }
      if (action === "zoom-in") { cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); }
      if (action === "zoom-out") { cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); }
      if (action === "links") {
        if (el.checked) { cy.add(influenceEdges); } else { cy.edges("[kind = 'influence']").remove(); }
      }
      if (action === "png") {
        var blob = cy.png({ output: "blob", full: true, bg: "#ffffff", scale: 2 });
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = ds.pngName;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      }
    });
  });

  // A small read-only handle for tests and the benchmark (positions, drawn labels).
  window.battlemapOrgChart = {
    renderedCentre: function (id) { var p = cy.getElementById(id).renderedPosition(); return { x: p.x, y: p.y }; },
    labels: function () { return cy.nodes().map(function (n) { return n.data("label"); }); },
    size: function () { return cy.nodes().length; },
    edges: function (kind) { return cy.edges().filter(function (e) { return e.data("kind") === kind; }).length; },
    fit: function () { cy.resize(); fitAll(); }
  };
  if (ds.msgHint) { say(ds.msgHint, false); }
  load();
})();
