// The org chart, last of its scripts: reads the graph JSON, draws the cards not in collapsed teams, lays
// them out top-down (dagre; treelayout.js for big charts) and answers the reader: select a card and its
// chain stands out, the toolbar's actions, a double click opens it. The cards, view, teams, bodies, links
// and drag and drop are in the orgchart-*.js files loaded before it (orgchart-cards.js says how they share
// their parts). Drag a card onto another to change who the person reports to (orgchart-reparent.js).
(function () {
  "use strict";
  var org = window.battlemapOrgParts;
  if (!org) { return; }
  var cy = org.cy, box = org.box, ds = org.ds, state = org.state, actions = org.actions, linksBox = org.linksBox;

  // Small charts: dagre (crossing minimisation reads best). Big charts: our linear tree layout,
  // because dagre needs seconds there (see bench/pages.py).
  var DAGRE_MAX_CARDS = 150;

  function done() {
    org.placeBodies();
    org.routeLinks();
    var held = state.anchor && cy.getElementById(state.anchor.id);
    if (held && held.length) {
      cy.zoom(state.anchor.zoom);
      var p = held.position();
      cy.pan({ x: state.anchor.x - state.anchor.zoom * p.x, y: state.anchor.y - state.anchor.zoom * p.y });
    } else if (state.keptView) { cy.viewport(state.keptView); } else { org.readableFit(); }
    var chosen = state.selectedId && cy.getElementById(state.selectedId);
    if (chosen && chosen.length) {
      if (state.focusing) { cy.center(chosen); }  // a body's member just unfolded: bring the card into view
      // after a fold its button says Expand/Collapse; a member reached from its body shows its own actions
      if (state.anchor || state.focusing) { select(chosen); } else { highlight(chosen); }
    }
    state.keptView = null;
    state.anchor = null;
    state.focusing = false;
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
    var reports = cy.edges("[kind = 'reports']"), people = cy.nodes().not("[?body]");  // bodies: placeBodies
    if (cy.nodes().length > DAGRE_MAX_CARDS || typeof cytoscapeDagre === "undefined") {
      var pos = window.battlemapTreeLayout.positions(
        people.map(function (n) { return { id: n.id(), w: n.data("w"), h: n.data("h") }; }),
        reports.map(function (e) { return { source: e.data("source"), target: e.data("target") }; }),
        { gapX: 24, gapY: 70 });
      cy.batch(function () { people.forEach(function (n) { n.position(pos[n.id()]); }); });
      if (window.performance && performance.mark) { performance.mark("orgchart:positioned"); }
      done();
      return;
    }
    var run = people.union(reports).layout({ name: "dagre", rankDir: "TB", nodeSep: 24, rankSep: 70,
                                                  animate: false });
    run.one("layoutstop", function () {
      if (window.performance && performance.mark) { performance.mark("orgchart:positioned"); }
      done();
    });
    run.run();
  }

  var MANY_LINKS = 300;  // more influence links than this open switched off: they would hide the tree
  var firstLoad = true;

  function draw() {
    var showLinks = !linksBox || linksBox.checked;
    cy.startBatch();
    cy.elements().remove();
    // Hidden arrows are not added at all: thousands of hidden edges still cost a second to draw.
    cy.add(org.shownElements(showLinks));
    cy.endBatch();
    if (window.performance && performance.mark) { performance.mark("orgchart:added"); }
    layout();
  }

  function load(keepView) {
    if (keepView && cy.nodes().length) { state.keptView = { zoom: cy.zoom(), pan: { x: cy.pan().x, y: cy.pan().y } }; }
    return fetch(ds.graphUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (graph) {
        if (window.performance && performance.mark) { performance.mark("orgchart:data"); }
        org.decorate(graph);
        state.allNodes = graph.nodes;
        state.allEdges = graph.edges;
        state.influenceEdges = state.allEdges.filter(function (el) { return el.data.kind === "influence"; });
        org.readTree();
        if (firstLoad && linksBox && state.influenceEdges.length > MANY_LINKS) {
          linksBox.checked = false;  // thousands of arrows hide the tree; the reader can switch them on
        }
        if (firstLoad && state.allNodes.length > org.FOLD_OVER) { org.foldDeepTeams(); }
        firstLoad = false;
        draw();
      })
      .catch(function (err) { org.sayNotSaved([err.message]); });
  }

  // ---- select a person: their manager chain, their reports and their influence links stand out ----
  function managersOf(node) { return node.incomers("edge[kind = 'reports']").sources(); }

  function neighbourhood(node) {
    var nodes = node, up = managersOf(node);
    while (up.length) { nodes = nodes.union(up); up = managersOf(up).difference(nodes); }  // to the top
    nodes = nodes.union(org.below(node));  // everyone below them
    var links = node.connectedEdges("[kind != 'reports']");  // influence and dotted lines, both ways
    nodes = nodes.union(links.connectedNodes());
    return nodes.union(nodes.edgesWith(nodes).filter("[kind = 'reports']")).union(links);
  }

  function highlight(node) {
    var keep = neighbourhood(node);
    cy.batch(function () {
      cy.elements().removeClass("hl faded");
      keep.addClass("hl");
      cy.elements().difference(keep).addClass("faded");
    });
  }

  function clearHighlight() {
    state.selectedId = null;
    cy.elements().removeClass("hl faded");
    if (actions) { actions.hidden = true; }
  }

  function select(node) {
    state.selectedId = node.id();
    highlight(node);
    if (!actions) { return; }
    actions.hidden = false;
    actions.querySelector("[data-act=who]").textContent = node.data("name");
    // a body has no page of a person, no team to fold and takes no influence link: its own page and members
    var isBody = !!node.data("body");
    actions.querySelectorAll("[data-for]").forEach(function (el) { el.hidden = (el.dataset.for === "body") !== isBody; });
    var fold = actions.querySelector("[data-act=fold]");
    fold.hidden = isBody || !(state.kidsOf[node.id()] || []).length;  // only someone with reports has a team to collapse
    fold.textContent = state.folded[node.id()] ? fold.dataset.expand : fold.dataset.collapse;
    if (isBody) { org.listMembers(node); }
  }

  var lastTap = null, prevTap = null;
  cy.on("tap", "node", function (evt) {
    var node = evt.target;
    prevTap = lastTap;
    lastTap = node.id();
    if (state.linkFrom && state.linkFrom.id() !== node.id()) {
      if (node.data("body")) { org.cancelLink(); return; }  // influence links join people, not bodies
      org.saveLink(state.linkFrom, node);
      return;
    }
    select(node);
  });
  cy.on("tap", function (evt) {
    if (evt.target === cy) {
      lastTap = null;
      if (state.linkFrom) { org.cancelLink(); }
      clearHighlight();
    }
  });
  cy.on("dbltap", "node", function (evt) {
    if (prevTap !== evt.target.id()) { return; }  // two quick taps on two cards (picking a link) open nothing
    if (evt.target.data("body")) {
      if (ds.bodyUrl) { window.location.assign(ds.bodyUrl.replace("{id}", String(evt.target.data("bid")))); }
      return;
    }
    if (ds.personUrl) { window.location.assign(ds.personUrl.replace("{id}", String(evt.target.data("pid")))); }
  });

  if (actions) {
    actions.addEventListener("click", function (evt) {
      var act = evt.target.getAttribute("data-act");
      var node = state.selectedId ? cy.getElementById(state.selectedId) : null;
      if (!node || !node.length) { return; }
      if (act === "fold") { org.toggleFold(node); }
      if (act === "member") { org.showMember(evt.target.dataset.id); return; }
      if (act === "open" && node.data("body")) {
        if (ds.bodyUrl) { window.location.assign(ds.bodyUrl.replace("{id}", String(node.data("bid")))); }
        return;
      }
      if (act === "open" && ds.personUrl) { window.location.assign(ds.personUrl.replace("{id}", String(node.data("pid")))); }
      if (act === "link") { org.startLink(node); }
    });
  }
  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Escape") { org.cancelLink(); clearHighlight(); }
  });

  // A small read-only handle for tests and the benchmark (positions, drawn labels).
  window.battlemapOrgChart = {
    renderedCentre: function (id) { var p = cy.getElementById(id).renderedPosition(); return { x: p.x, y: p.y }; },
    renderedBox: function (id) { var b = cy.getElementById(id).renderedBoundingBox({ includeLabels: false }); return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }; },
    labelBox: function (id) { var b = cy.getElementById(id).renderedBoundingBox({ includeNodes: false, includeLabels: true }); return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }; },
    viewSize: function () { return { w: box.clientWidth, h: box.clientHeight }; },
    labels: function () { return cy.nodes().map(function (n) { return n.data("label"); }); },
    labelOf: function (id) { return cy.getElementById(id).data("label"); },
    size: function () { return cy.nodes().length; },
    edges: function (kind) { return cy.edges().filter(function (e) { return e.data("kind") === kind; }).length; },
    fit: function () { cy.resize(); org.fitAll(); },
    zoom: function () { return cy.zoom(); },
    emptySpot: function () {  // a rendered point on the background, away from every card
      var boxes = cy.nodes().map(function (n) { return n.renderedBoundingBox(); });
      for (var y = box.clientHeight - 20; y > 20; y -= 15) {
        for (var x = 20; x < box.clientWidth - 20; x += 15) {
          var free = boxes.every(function (b) { return x < b.x1 - 8 || x > b.x2 + 8 || y < b.y1 - 8 || y > b.y2 + 8; });
          if (free) { return { x: x, y: y }; }
        }
      }
      return null;
    },
    pan: function () { var p = cy.pan(); return { x: p.x, y: p.y }; },
    select: function (id) { select(cy.getElementById(id)); },
    fold: function (id) { org.toggleFold(cy.getElementById(id)); },  // collapse or expand the team under a card
    folded: function () { return Object.keys(state.folded).filter(function (id) { return state.folded[id]; }); },
    highlighted: function () { return cy.nodes(".hl").map(function (n) { return n.id(); }); },
    faded: function () { return cy.nodes(".faded").map(function (n) { return n.id(); }); },
    visible: function () { return cy.nodes().filter(function (n) { return n.visible(); }).map(function (n) { return n.id(); }); },
    edgeStyle: function (id) { var e = cy.getElementById(id); return { colour: e.style("line-color"), style: e.style("line-style") }; },
    bodies: function () { return cy.nodes("[?body]").map(function (n) { return { id: n.id(), label: n.data("label"), members: n.connectedEdges("[kind = 'member']").length }; }); },
    linkPath: function (id) {  // 41 points along a link as drawn (rendered), from its source card to the arrow
      var e = cy.getElementById(id), s = e.renderedSourceEndpoint(), t = e.renderedTargetEndpoint();
      var c = null;
      try { c = (e.renderedControlPoints() || [])[0]; } catch (err) { c = null; }  // a straight line has none
      c = c || { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
      var out = [];
      for (var i = 0; i <= 40; i++) {
        var k = i / 40, u = 1 - k;
        out.push({ x: u * u * s.x + 2 * u * k * c.x + k * k * t.x, y: u * u * s.y + 2 * u * k * c.y + k * k * t.y });
      }
      return out;
    },
    memberIds: function () { return cy.edges("[kind = 'member']").map(function (e) { return { id: e.id(), source: e.data("source"), target: e.data("target") }; }); },
    dottedIds: function () { return cy.edges("[kind = 'dotted']").map(function (e) { return { id: e.id(), source: e.data("source"), target: e.data("target") }; }); },
    influenceIds: function () { return cy.edges("[kind = 'influence']").map(function (e) { return { id: e.id(), kind: e.data("link_kind"), source: e.data("source"), target: e.data("target") }; }); },
    fontPx: function () { return Math.min.apply(null, cy.nodes().map(function (n) { return n.data("fontSize"); })) * cy.zoom(); }
  };
  org.draw = draw;
  org.load = load;
  org.select = select;
  if (ds.msgHint) { org.say(ds.msgHint, false); }
  load();
})();
