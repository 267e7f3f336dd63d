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
  // Colours, marks and badges come with each card (battlemap/look.py): one visual language everywhere.
  var NO_LOOK = { fill: "#eef2f6", ink: "#37474f", border: "#90a4ae", dashed: false, mark: "", badges: [] };
  var actions = document.getElementById("org-actions");
  var linkKind = document.getElementById("org-link-kind");
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

  // Cut a line to fit the card, measured as the browser draws it (the cards' font, bold for a body's name): a
  // "WWW…" or a line of emoji is as wide as it looks, not as a count of characters guesses.
  var measure = document.createElement("canvas").getContext("2d");
  var cardFont = getComputedStyle(document.body).fontFamily;
  function clip(text, maxPx, fontSize, bold) {
    var chars = Array.from(text || ""), out = "";
    measure.font = (bold ? "bold " : "") + fontSize + "px " + cardFont;
    if (measure.measureText(chars.join("")).width <= maxPx) { return chars.join(""); }
    for (var i = 0; i < chars.length; i++) {
      if (measure.measureText(out + chars[i] + "…").width > maxPx) { return out + "…"; }
      out += chars[i];
    }
    return out;
  }

  // The marks as text: attitude sign, role badges and "!" for a key person never met (reads without colour).
  function tagOf(look) {
    var parts = [look.mark].concat(look.badges || []);
    if (look.never_met) { parts.push("!"); }
    return parts.filter(Boolean).join(" ");
  }

  function cardLabel(d, maxPx, fontSize) {
    var lines = [];
    if (d.body) {  // a decision body: its marks, name, kind, and how many members we have met
      if (d.tag) { lines.push(clip(d.tag, maxPx, fontSize, true)); }
      lines.push(clip(d.name, maxPx, fontSize, true));
      if (d.title) { lines.push(clip(d.title, maxPx, fontSize, true)); }  // the kind, unless the name says it
      var label = d.members.length === 1 ? ds.labelMember : ds.labelMembers;  // the page's two plural forms
      lines.push(clip(fmt(label || "{n}", { n: String(d.members.length), met: String(d.met_count) }), maxPx, fontSize, true));
      return lines.join("\n");
    }
    if (d.tag) { lines.push(clip(d.tag, maxPx, fontSize)); }
    lines.push(clip(d.name, maxPx, fontSize));
    if (d.title) { lines.push(clip(d.title, maxPx, fontSize)); }
    if (d.hiddenCount) { lines.push("▸ +" + d.hiddenCount); }
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
        "border-color": "data(borderColour)",
        "border-style": "data(borderStyle)",
        "padding": "6px"
      } },
      { selector: "node.left", style: { "opacity": 0.55 } },
      { selector: "node[?body]", style: { "shape": "cut-rectangle", "font-weight": "bold" } },
      { selector: "node.drop-target", style: { "border-width": 4, "border-color": "#1d4ed8" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#1d4ed8", "border-style": "solid" } },
      { selector: "node.hl", style: { "opacity": 1 } },
      { selector: "node.faded", style: { "opacity": 0.18 } },
      { selector: "edge.faded", style: { "opacity": 0.06 } },
      { selector: "node.link-source", style: { "border-width": 5, "border-color": "#7c3aed", "border-style": "double" } },
      { selector: "edge", style: { "curve-style": "bezier", "width": 1.5, "line-color": "#64748b",
        "target-arrow-shape": "none" } },
      { selector: "edge[kind = 'reports']", style: { "curve-style": "taxi", "taxi-direction": "downward" } },
      { selector: "edge[kind = 'dotted']", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
      { selector: "edge[kind = 'influence']", style: { "line-color": "#7c3aed", "target-arrow-color": "#7c3aed",
        "target-arrow-shape": "triangle", "width": "data(width)", "opacity": 0.3 } },
      // an `opposes` link is red and dashed, never drawn like a supportive one
      { selector: "edge[link_kind = 'opposes']", style: { "line-color": "#d32f2f", "target-arrow-color": "#d32f2f",
        "line-style": "dashed", "line-dash-pattern": [8, 5], "opacity": 0.6 } },
      // a body's line to each member: teal and dotted, never mistaken for a reporting or influence line
      { selector: "edge[kind = 'member']", style: { "line-color": "#00796b", "line-style": "dotted", "width": 1.5,
        "opacity": 0.45, "curve-style": "straight" } },
      { selector: "edge[kind = 'member'][?chair]", style: { "width": 3 } },
      // a link routed clear of the cards it does not join (routeLinks); one no way clears is drawn over them
      { selector: "edge.routed", style: { "curve-style": "unbundled-bezier", "edge-distances": "node-position",
        "control-point-distances": "data(bend)", "control-point-weights": "data(bendAt)" } },
      { selector: "edge.over", style: { "z-compound-depth": "top" } },
      { selector: "edge.hl", style: { "opacity": 1, "z-index": 10 } },
      { selector: "edge[kind = 'influence'].hl", style: { "width": 3 } }
    ]
  });

  function decorate(graph) {
    graph.nodes.forEach(function (n) {
      var d = n.data;
      var scale = 1 + Math.min(100, Math.max(0, d.score || 0)) / 100;  // 1..2 by influence score
      d.w = Math.round(140 + 60 * (scale - 1) * 2);
      d.h = Math.round(58 + 22 * scale + (d.roles && d.roles.length ? 16 : 0));
      d.fontSize = Math.round(13 + 4 * (scale - 1));
      var look = d.look || NO_LOOK;
      d.fill = look.fill;
      d.ink = look.ink;
      d.borderColour = look.border;
      d.borderStyle = look.dashed ? "dashed" : "solid";
      d.border = look.never_met ? 4 : 1.5;
      d.tag = tagOf(look);
      d.h += d.tag ? 18 : 0;
      if (d.body) { d.w = 190; d.h = 96; d.fontSize = 14; d.border = look.never_met ? 4 : 2.5; }
      d.label = "";  // made when the card is shown (shownElements), with its count of collapsed reports
      n.classes = d.left ? "left" : "";
    });
    graph.edges.forEach(function (e) {
      if (e.data.kind === "influence") { e.data.width = 1 + (e.data.strength || 1); }
    });
    return graph.nodes.concat(graph.edges);
  }

  var linksBox = document.querySelector("[data-org=links]");

  // Fit the whole chart, but never below a zoom where names can be read: the chart opens no smaller than
  // READABLE_ZOOM (a big org starts at the top of the tree, centred), and Fit shrinks it no smaller than
  // FIT_MIN_ZOOM — below, Fit shows the top of the tree at that zoom and the reader pans (a 250-person
  // group's Fit was a strip 60 px tall at zoom 0.05, its names 0.65 px).
  var READABLE_ZOOM = 11 / 13;  // the smallest card text (13 px) shows at least 11 px
  var FIT_MIN_ZOOM = 0.5;  // the smallest card text shows at 6.5 px, a key person's (larger) at 8 px
  var FIT_MAX_ZOOM = 1;  // Fit never blows a small chart up: three cards stay card-sized, centred
  function fitAll(floor) {
    // Cards hold their labels, so the box without labels is enough (and much cheaper to measure).
    var bb = cy.nodes().boundingBox({ includeLabels: false });
    var pad = 24;
    var zoom = Math.min((box.clientWidth - 2 * pad) / Math.max(bb.w, 1), (box.clientHeight - 2 * pad) / Math.max(bb.h, 1));
    zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), FIT_MAX_ZOOM, zoom));
    floor = floor || FIT_MIN_ZOOM;
    if (zoom < floor) {  // too big to read whole: the top of the tree at the smallest readable zoom
      var head = headCard() || cy.nodes()[0];
      cy.viewport({ zoom: floor, pan: { x: box.clientWidth / 2 - floor * head.position("x"), y: pad - floor * bb.y1 } });
      return bb;
    }
    cy.viewport({ zoom: zoom, pan: { x: (box.clientWidth - zoom * (bb.x1 + bb.x2)) / 2, y: (box.clientHeight - zoom * (bb.y1 + bb.y2)) / 2 } });
    return bb;
  }

  // the most influential person in the top row: a big chart opens centred on them
  function headCard() {
    var people = cy.nodes().not("[?body]");
    var topY = Math.min.apply(null, people.map(function (n) { return n.position("y"); }));
    var head = null;
    people.forEach(function (n) {
      if (Math.abs(n.position("y") - topY) < 5 && (!head || n.data("score") > head.data("score"))) { head = n; }
    });
    return head;
  }

  function readableFit() { fitAll(READABLE_ZOOM); }

  // Decision bodies are left out of the layout and set in rows just above the top of the tree, centred on
  // the card the chart opens on, as many to a row as the opening view holds: on screen without "Fit". Their
  // rows take at most BODY_ROOM of the opening view's height, so the tree shows under them (on a phone three
  // bodies in a column filled the chart's first screen): the rows left run wider than the view, to pan.
  var BODY_GAP = 24, BODY_ROOM = 0.4;
  function placeBodies() {
    var bodies = cy.nodes("[?body]"), head = headCard();
    if (!bodies.length) { return; }
    var w = bodies[0].data("w") + BODY_GAP, h = bodies[0].data("h") + BODY_GAP;
    var perRow = Math.max(1, Math.floor((box.clientWidth / READABLE_ZOOM - 2 * BODY_GAP) / w));
    var maxRows = Math.max(1, Math.floor(BODY_ROOM * box.clientHeight / READABLE_ZOOM / h));
    perRow = Math.max(perRow, Math.ceil(bodies.length / maxRows));
    var top = head ? cy.nodes().not("[?body]").boundingBox({ includeLabels: false }).y1 - 70 : 0;  // 70: between ranks
    var x0 = head ? head.position("x") : 0, rows = Math.ceil(bodies.length / perRow);
    cy.batch(function () {
      bodies.forEach(function (b, i) {
        var row = Math.floor(i / perRow), inRow = Math.min(perRow, bodies.length - row * perRow);
        b.position({ x: x0 + ((i % perRow) - (inRow - 1) / 2) * w, y: top - (rows - row - 0.5) * h + BODY_GAP / 2 });
      });
    });
  }

  // Small charts: dagre (crossing minimisation reads best). Big charts: our linear tree layout,
  // because dagre needs seconds there (see bench/pages.py).
  var DAGRE_MAX_CARDS = 150;

  var keptView = null;  // after an edit the chart comes back where the reader left it
  var focusing = false;  // after unfolding the teams around a body's member: centre and select them
  var anchor = null;  // after a fold the card folded stays where it was on screen: {id, x, y, zoom}

  // Influence links, dotted lines and a body's member lines never pass under a card they do not join
  // (linkroute.js): said of the wrong card, "刘芳 opposes 张伟" read as the opposition of the card between them, and
  // a committee's line through a non-member's card as their seat. Routed once the cards and bodies stand.
  function routeLinks() {
    var router = window.battlemapLinkRoute;
    if (!router) { return; }
    var boxOf = {}, boxes = [];
    cy.nodes().forEach(function (n) {
      var b = n.boundingBox({ includeLabels: false, includeOverlays: false });
      boxOf[n.id()] = { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
      boxes.push(boxOf[n.id()]);
    });
    var cards = new router.Cards(boxes);
    // the lines between the same two people, the influence links first: the first takes the way, the others go
    // beside it (router.beside), whichever way each points
    var pairs = {}, order = { influence: 0, dotted: 1, member: 2 };
    cy.edges("[kind = 'influence'], [kind = 'dotted'], [kind = 'member']").forEach(function (e) {
      var s = e.data("source"), t = e.data("target"), key = s < t ? s + " " + t : t + " " + s;
      (pairs[key] = pairs[key] || []).push(e);
    });
    cy.batch(function () {
      Object.keys(pairs).forEach(function (key) {
        var lines = pairs[key].sort(function (x, y) { return order[x.data("kind")] - order[y.data("kind")]; });
        var s = lines[0].data("source"), t = lines[0].data("target"), a = boxOf[s], b = boxOf[t];
        var first = router.route(a, b, cards);
        lines.forEach(function (e, i) {
          var way = i ? router.beside(a, b, cards, first, i) : first;
          if (way && lines.length > 1 && e.data("source") !== s) {  // drawn the other way: the same curve
            way = { distance: -way.distance, weight: 1 - way.weight, over: way.over };
          }
          if (!way && lines.length > 1) { way = { distance: 0, weight: 0.5, over: false }; }  // not Cytoscape's own bundling
          if (way) { e.data({ bend: way.distance, bendAt: way.weight }); }
          e.toggleClass("routed", !!way);
          e.toggleClass("over", !!way && way.over);
        });
      });
    });
  }

  function done() {
    placeBodies();
    routeLinks();
    var held = anchor && cy.getElementById(anchor.id);
    if (held && held.length) {
      cy.zoom(anchor.zoom);
      var p = held.position();
      cy.pan({ x: anchor.x - anchor.zoom * p.x, y: anchor.y - anchor.zoom * p.y });
    } else if (keptView) { cy.viewport(keptView); } else { readableFit(); }
    var chosen = selectedId && cy.getElementById(selectedId);
    if (chosen && chosen.length) {
      if (focusing) { cy.center(chosen); }  // a body's member just unfolded: bring the card into view
      // after a fold its button says Expand/Collapse; a member reached from its body shows its own actions
      if (anchor || focusing) { select(chosen); } else { highlight(chosen); }
    }
    keptView = null;
    anchor = null;
    focusing = false;
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

  var MANY_LINKS = 300;
  var firstLoad = true;
  var influenceEdges = [];

  // A big chart opens with deep teams collapsed: only the first levels are drawn, each collapsed manager with
  // "▸ +n". Collapsed cards are not in the chart at all; Expand team adds them and lays the chart out again.
  // Two reasons, two limits. Readable: a chart of more than FOLD_OVER cards keeps the levels that stand at
  // most WIDE_MAX cards side by side (a card with no reports drawn under it takes a column of the tree), so
  // the opening view and Fit show names (a 250-person group drawn whole was 100 cards wide: Fit made it a
  // strip 60 px tall). Fast: at most SHOWN_MAX cards, as Cytoscape's cost is per card drawn (styles,
  // labels, elbow lines): 2,000 cards took seconds, 150 take a fraction. The top and its direct reports are
  // always drawn (unless past SHOWN_MAX).
  var FOLD_OVER = 80, WIDE_MAX = 12, SHOWN_MAX = 200;
  var allNodes = [], allEdges = [];
  var kidsOf = {}, managerOf = {}, rootIds = [];

  function readTree() {
    var has = {}, isKid = {};
    kidsOf = {};
    managerOf = {};
    allNodes.forEach(function (n) { has[n.data.id] = true; kidsOf[n.data.id] = []; });
    allEdges.forEach(function (e) {
      var d = e.data;
      if (d.kind === "reports" && has[d.source] && has[d.target] && !isKid[d.target] && d.source !== d.target) {
        kidsOf[d.source].push(d.target);
        managerOf[d.target] = d.source;
        isKid[d.target] = true;
      }
    });
    rootIds = allNodes.map(function (n) { return n.data.id; }).filter(function (id) { return !isKid[id]; });
  }

  // Pre-order walk from the roots: [id, depth] pairs (a cycle in bad data is walked once).
  function walk() {
    var out = [], seen = {}, stack = rootIds.slice().reverse().map(function (id) { return [id, 0]; });
    while (stack.length) {
      var item = stack.pop();
      if (seen[item[0]]) { continue; }
      seen[item[0]] = true;
      out.push(item);
      var kids = kidsOf[item[0]];
      for (var i = kids.length - 1; i >= 0; i--) { stack.push([kids[i], item[1] + 1]); }
    }
    return out;
  }

  // How many cards stand side by side when the first `levels` levels are drawn: those on the last level
  // and those above it with no reports (people with neither manager nor reports are set in rows under the
  // trees, treelayout.js: they take no column).
  function columns(order, levels) {
    return order.filter(function (item) {
      var d = item[1], managed = !!managerOf[item[0]], manages = kidsOf[item[0]].length > 0;
      return d === levels - 1 ? (managed || manages) : d < levels - 1 && managed && !manages;
    }).length;
  }

  function foldDeepTeams() {
    var order = walk(), perDepth = [];
    order.forEach(function (item) { perDepth[item[1]] = (perDepth[item[1]] || 0) + 1; });
    var levels = 1, shown = perDepth[0] || 0;  // the deepest level kept within SHOWN_MAX cards and, once
    while (levels < perDepth.length && shown + perDepth[levels] <= SHOWN_MAX &&  // two levels stand, WIDE_MAX
           (levels < 2 || columns(order, levels + 1) <= WIDE_MAX)) {
      shown += perDepth[levels];
      levels += 1;
    }
    order.forEach(function (item) { if (item[1] >= levels - 1 && kidsOf[item[0]].length) { folded[item[0]] = true; } });
    if (ds.msgFolded) { say(fmt(ds.msgFolded, { levels: String(levels) }), false); }
  }

  // The elements to draw: every card not under a collapsed one (with its count), the lines between them.
  function shownElements(showLinks) {
    var hidden = {}, count = {}, order = walk();
    var under = {};  // id → true when some manager above is collapsed
    for (var i = 0; i < order.length; i++) {
      var id = order[i][0];
      if (under[id]) { hidden[id] = true; }
      if (under[id] || folded[id]) { kidsOf[id].forEach(function (k) { under[k] = true; }); }
    }
    for (var j = order.length - 1; j >= 0; j--) {  // cards below each one (children before parents)
      var nid = order[j][0];
      count[nid] = kidsOf[nid].reduce(function (acc, k) { return acc + 1 + (count[k] || 0); }, 0);
    }
    var nodes = allNodes.filter(function (n) { return !hidden[n.data.id]; });
    nodes.forEach(function (n) {
      var d = n.data, hiddenCount = folded[d.id] ? count[d.id] || 0 : 0;
      if (d.hiddenCount !== hiddenCount || !d.label) {
        d.hiddenCount = hiddenCount;
        d.label = cardLabel(d, d.w - 20, d.fontSize);
      }
    });
    var edges = allEdges.filter(function (e) {
      return !hidden[e.data.source] && !hidden[e.data.target] && (showLinks || e.data.kind !== "influence");
    });
    return nodes.concat(edges);
  }

  function draw() {
    var showLinks = !linksBox || linksBox.checked;
    cy.startBatch();
    cy.elements().remove();
    // Hidden arrows are not added at all: thousands of hidden edges still cost a second to draw.
    cy.add(shownElements(showLinks));
    cy.endBatch();
    if (window.performance && performance.mark) { performance.mark("orgchart:added"); }
    layout();
  }

  function load(keepView) {
    if (keepView && cy.nodes().length) { keptView = { zoom: cy.zoom(), pan: { x: cy.pan().x, y: cy.pan().y } }; }
    return fetch(ds.graphUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (graph) {
        if (window.performance && performance.mark) { performance.mark("orgchart:data"); }
        decorate(graph);
        allNodes = graph.nodes;
        allEdges = graph.edges;
        influenceEdges = allEdges.filter(function (el) { return el.data.kind === "influence"; });
        readTree();
        if (firstLoad && linksBox && influenceEdges.length > MANY_LINKS) {
          linksBox.checked = false;  // thousands of arrows hide the tree; the reader can switch them on
        }
        if (firstLoad && allNodes.length > FOLD_OVER) { foldDeepTeams(); }
        firstLoad = false;
        draw();
      })
      .catch(function (err) { say(ds.msgError + " " + err.message, true); });
  }

  // tooltips: plain text only
  function bodyTip(d) {
    var parts = [d.name, d.title, d.rule].filter(Boolean);
    if (d.roles && d.roles.length) { parts.push(d.roles.join(" · ")); }
    if (d.chair) { parts.push(ds.labelChair + " " + d.chair); }
    if (d.members.length) { parts.push(d.members.join("、")); }
    if (d.next_meeting) { parts.push(ds.labelNextMeeting + " " + d.next_meeting); }
    return parts;
  }

  cy.on("mouseover", "node", function (evt) {
    var d = evt.target.data();
    if (d.body) {
      tip.textContent = bodyTip(d).join("\n");
      tip.style.whiteSpace = "pre-line";
      tip.style.left = (evt.renderedPosition.x + 12) + "px";
      tip.style.top = (evt.renderedPosition.y + 12) + "px";
      tip.hidden = false;
      return;
    }
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
    if (prevTap !== evt.target.id()) { return; }  // two quick taps on two cards (picking a link) open nothing
    if (evt.target.data("body")) {
      if (ds.bodyUrl) { window.location.assign(ds.bodyUrl.replace("{id}", String(evt.target.data("bid")))); }
      return;
    }
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
  // a dragged card stays on screen: it is kept inside the visible part of the chart
  function clampIntoView(node) {
    var ext = cy.extent(), p = node.position();
    var w = Math.min(node.outerWidth() / 2, (ext.x2 - ext.x1) / 2), h = Math.min(node.outerHeight() / 2, (ext.y2 - ext.y1) / 2);
    var x = Math.min(Math.max(p.x, ext.x1 + w), ext.x2 - w), y = Math.min(Math.max(p.y, ext.y1 + h), ext.y2 - h);
    if (x !== p.x || y !== p.y) { node.position({ x: x, y: y }); }
  }
  cy.on("drag", "node", function (evt) {
    clampIntoView(evt.target);
    cy.nodes().removeClass("drop-target");
    var target = nodeUnder(evt.target);
    if (target) { target.addClass("drop-target"); }
  });
  cy.on("free", "node", function (evt) {
    clampIntoView(evt.target);
    cy.nodes().removeClass("drop-target");
    routeLinks();  // a card dropped on the background stays there: the links round it again
    if (!ds.reparentUrl) { return; }
    var node = evt.target;
    var target = nodeUnder(node);
    if (!target || target.data("body") || node.data("body")) { return; }  // nobody reports to a body
    var was = managerOf[node.id()] || "";  // the manager before the drop, for the undo ("" = the top)
    postReportsTo(node.data("pid"), target.data("pid"), node.data("version"))
      .then(function (res) {
        if (res.ok) {
          say(fmt(ds.msgSaved, { name: node.data("name"), manager: target.data("name") }), false);
          offerUndo(node.data("name"), res.body, was);
        } else { sayErrors(res.body); }
        return load(true);
      })
      .catch(function (err) { say(ds.msgError + " " + err.message, true); });
  });

  function postReportsTo(pid, managerPid, version) {
    var form = new FormData();
    form.append("person", pid);
    form.append("manager", managerPid);
    form.append("version", version);
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(ds.reparentUrl, { method: "POST", body: form, credentials: "same-origin",
                                   headers: { "X-CSRFToken": token ? token.value : "" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); });
  }
  function sayErrors(body) {
    var msgs = [];
    Object.keys(body.errors || {}).forEach(function (k) { msgs = msgs.concat(body.errors[k]); });
    say(ds.msgError + " " + msgs.join(" "), true);
  }
  // A drop saves at once (a slip while panning moved a person): the message offers to put them back, as they
  // were, through the same endpoint (a new version, in the history as any edit)
  function offerUndo(name, saved, was) {
    var undo = document.createElement("button");
    undo.type = "button";
    undo.className = "small undo";
    undo.textContent = ds.labelUndo;
    undo.addEventListener("click", function () {
      undo.disabled = true;
      postReportsTo(saved.person, was.replace(/^p/, ""), saved.version)
        .then(function (res) {
          if (res.ok) { say(fmt(ds.msgUndone, { name: name }), false); } else { sayErrors(res.body); }
          return load(true);
        })
        .catch(function (err) { say(ds.msgError + " " + err.message, true); });
    });
    status.appendChild(document.createTextNode(" "));
    status.appendChild(undo);
  }

  document.querySelectorAll("[data-org]").forEach(function (el) {
    var action = el.getAttribute("data-org");
    el.addEventListener(action === "links" ? "change" : "click", function () {
      if (action === "fit") { fitAll(); }
      if (action === "zoom-in") { cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); }
      if (action === "zoom-out") { cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); }
      if (action === "links") {
        if (el.checked) {
          cy.add(influenceEdges.filter(function (e) { return cy.getElementById(e.data.source).length && cy.getElementById(e.data.target).length; }));
          routeLinks();
        } else { cy.edges("[kind = 'influence']").remove(); }
      }
    });
  });

  // ---- select a person: their manager chain, their reports and their influence links stand out ----
  var selectedId = null;
  var linkFrom = null;  // the card an influence link starts from, while the reader picks its target

  function reportsOf(node) { return node.outgoers("edge[kind = 'reports']").targets(); }
  function managersOf(node) { return node.incomers("edge[kind = 'reports']").sources(); }

  function neighbourhood(node) {
    var nodes = node, up = managersOf(node);
    while (up.length) { nodes = nodes.union(up); up = managersOf(up).difference(nodes); }  // to the top
    nodes = nodes.union(below(node));  // everyone below them
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
    selectedId = null;
    cy.elements().removeClass("hl faded");
    if (actions) { actions.hidden = true; }
  }

  function select(node) {
    selectedId = node.id();
    highlight(node);
    if (!actions) { return; }
    actions.hidden = false;
    actions.querySelector("[data-act=who]").textContent = node.data("name");
    // a body has no page of a person, no team to fold and takes no influence link: its own page and members
    var isBody = !!node.data("body");
    actions.querySelectorAll("[data-for]").forEach(function (el) { el.hidden = (el.dataset.for === "body") !== isBody; });
    var fold = actions.querySelector("[data-act=fold]");
    fold.hidden = isBody || !(kidsOf[node.id()] || []).length;  // only someone with reports has a team to collapse
    fold.textContent = folded[node.id()] ? fold.dataset.expand : fold.dataset.collapse;
    if (isBody) { listMembers(node); }
  }

  // a body's members as buttons (the chair first), also those inside a collapsed team (their cards are
  // not drawn: the lines are read from the whole graph): each selects that person's card and brings it
  // into view, expanding the teams around it first (showMember)
  function listMembers(node) {
    var list = actions.querySelector("[data-act=members]");
    list.replaceChildren();
    var names = {};
    allNodes.forEach(function (n) { names[n.data.id] = n.data.name; });
    var lines = allEdges.filter(function (e) { return e.data.kind === "member" && e.data.source === node.id() && names[e.data.target] !== undefined; });
    lines.sort(function (a, b) { return (b.data.chair ? 1 : 0) - (a.data.chair ? 1 : 0); });
    lines.forEach(function (line) {
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.act = "member";
      button.dataset.id = line.data.target;
      button.textContent = names[line.data.target] + (line.data.chair ? " (" + ds.labelChair + ")" : "");
      list.appendChild(button);
    });
  }

  // Select a person's card and bring it into view; when it sits inside collapsed teams, expand every
  // collapsed manager above it first (the chart is drawn again, then centred on the card: done()).
  function showMember(id) {
    var person = cy.getElementById(id);
    if (person.length) { cy.center(person); select(person); return; }
    var up = managerOf[id], opened = false, seen = {};
    while (up && !seen[up]) {
      seen[up] = true;
      if (folded[up]) { folded[up] = false; opened = true; }
      up = managerOf[up];
    }
    if (!opened) { return; }
    keptView = { zoom: cy.zoom(), pan: { x: cy.pan().x, y: cy.pan().y } };
    selectedId = id;
    focusing = true;
    draw();
  }

  var lastTap = null, prevTap = null;
  cy.on("tap", "node", function (evt) {
    var node = evt.target;
    prevTap = lastTap;
    lastTap = node.id();
    if (linkFrom && linkFrom.id() !== node.id()) {
      if (node.data("body")) { cancelLink(); return; }  // influence links join people, not bodies
      saveLink(linkFrom, node);
      return;
    }
    select(node);
  });
  cy.on("tap", function (evt) {
    if (evt.target === cy) {
      lastTap = null;
      if (linkFrom) { cancelLink(); }
      clearHighlight();
    }
  });

  // ---- collapse and expand a subtree: the team leaves the chart, which is laid out again ----
  var folded = {};  // node id → true while its reports are hidden

  function below(node) {
    var out = cy.collection(), down = reportsOf(node);
    while (down.length) { out = out.union(down); down = reportsOf(down).difference(out); }
    return out;
  }

  function toggleFold(node) {
    var p = node.renderedPosition();
    anchor = { id: node.id(), x: p.x, y: p.y, zoom: cy.zoom() };
    folded[node.id()] = !folded[node.id()];
    selectedId = node.id();
    draw();
  }

  // ---- start an influence link from a card: pick a card, then the person they sway ----
  function cancelLink() {
    if (linkFrom) { linkFrom.removeClass("link-source"); }
    linkFrom = null;
    box.classList.remove("linking");
  }

  function startLink(node) {
    cancelLink();
    linkFrom = node;
    node.addClass("link-source");
    box.classList.add("linking");
    say(fmt(ds.msgLinkPick, { name: node.data("name") }), false);
  }

  function saveLink(from, to) {
    var form = new FormData();
    form.append("source", from.data("pid"));
    form.append("target", to.data("pid"));
    form.append("kind", linkKind ? linkKind.value : "advises");
    form.append("strength", "2");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    cancelLink();
    fetch(ds.linkUrl, { method: "POST", body: form, credentials: "same-origin",
                        headers: { "X-CSRFToken": token ? token.value : "", "HX-Request": "true" } })
      .then(function (r) {
        if (r.ok) {
          say(fmt(ds.msgLinkSaved, { name: from.data("name"), target: to.data("name") }), false);
          selectedId = from.id();
          return load(true);
        }
        return r.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var errs = Array.prototype.map.call(doc.querySelectorAll(".errorlist li, .form-errors li"), function (li) { return li.textContent; });
          say(ds.msgError + " " + (errs.join(" ") || r.status), true);
        });
      })
      .catch(function (err) { say(ds.msgError + " " + err.message, true); });
  }

  if (actions) {
    actions.addEventListener("click", function (evt) {
      var act = evt.target.getAttribute("data-act");
      var node = selectedId ? cy.getElementById(selectedId) : null;
      if (!node || !node.length) { return; }
      if (act === "fold") { toggleFold(node); }
      if (act === "member") { showMember(evt.target.dataset.id); return; }
      if (act === "open" && node.data("body")) {
        if (ds.bodyUrl) { window.location.assign(ds.bodyUrl.replace("{id}", String(node.data("bid")))); }
        return;
      }
      if (act === "open" && ds.personUrl) { window.location.assign(ds.personUrl.replace("{id}", String(node.data("pid")))); }
      if (act === "link") { startLink(node); }
    });
  }
  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Escape") { cancelLink(); clearHighlight(); }
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
    fit: function () { cy.resize(); fitAll(); },
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
    fold: function (id) { toggleFold(cy.getElementById(id)); },  // collapse or expand the team under a card
    folded: function () { return Object.keys(folded).filter(function (id) { return folded[id]; }); },
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
  if (ds.msgHint) { say(ds.msgHint, false); }
  load();
})();
