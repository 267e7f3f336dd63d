// The org chart, first of its scripts (map_org.html loads them in order, each with `defer`): the cards.
// Cytoscape with the cards' style, each card's size, colours and label made from the graph JSON, and the
// tooltips. Labels are drawn on canvas and tooltips set with textContent, so names are always text.
// The parts of the chart the other orgchart-*.js files share are on `window.battlemapOrgParts`: the
// chart (cy), its box and data- attributes (ds), the status line (say), and `state`, what the reader is
// doing (the card selected, the teams collapsed, the view to keep after an edit); orgchart.js, loaded
// last, draws the chart.
(function () {
  "use strict";
  var box = document.getElementById("orgchart");
  if (!box || typeof cytoscape === "undefined") { return; }
  if (typeof cytoscapeDagre !== "undefined") { cytoscape.use(cytoscapeDagre); }
  var status = document.getElementById("org-status");
  var ds = box.dataset;
  // Colours, marks and badges come with each card (battlemap/look.py): one visual language everywhere.
  var NO_LOOK = { fill: "#eef2f6", ink: "#37474f", border: "#90a4ae", dashed: false, mark: "", badges: [] };
  var tip = document.createElement("div");
  tip.className = "tooltip";
  tip.hidden = true;
  box.appendChild(tip);

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }

  // A save refused: "未保存：…" / "Not saved: …", the server's sentences joined as the page's language joins
  // them (data-colon, data-sentence-sep: the page gives the rule's results, this script has no rule of its own)
  function sayNotSaved(messages) {
    say(ds.msgError + ds.colon + messages.join(ds.sentenceSep), true);
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

  // tooltips: plain text only
  function bodyTip(d) {
    var parts = [d.name, d.title, d.rule].filter(Boolean);
    if (d.roles && d.roles.length) { parts.push(d.roles.join(" · ")); }
    // the punctuation the page gives (data-colon, data-list-sep): 主持人：陈国强 / chair: Alice
    if (d.chair) { parts.push(ds.labelChair + ds.colon + d.chair); }
    if (d.members.length) { parts.push(d.members.join(ds.listSep)); }
    if (d.next_meeting) { parts.push(ds.labelNextMeeting + ds.colon + d.next_meeting); }
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
    parts.push(ds.labelScore + ds.colon + d.score);
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

  window.battlemapOrgParts = {
    box: box,
    ds: ds,
    cy: cy,
    status: status,
    actions: document.getElementById("org-actions"),
    linksBox: document.querySelector("[data-org=links]"),
    say: say,
    sayNotSaved: sayNotSaved,
    fmt: fmt,
    cardLabel: cardLabel,
    decorate: decorate,
    state: {
      allNodes: [], allEdges: [],  // the whole graph as read; the chart draws those not in collapsed teams
      influenceEdges: [],
      kidsOf: {}, managerOf: {}, rootIds: [],  // the reporting tree of the whole graph (orgchart-fold.js)
      folded: {},  // node id → true while its reports are hidden
      selectedId: null,
      linkFrom: null,  // the card an influence link starts from, while the reader picks its target
      keptView: null,  // after an edit the chart comes back where the reader left it
      focusing: false,  // after unfolding the teams around a body's member: centre and select them
      anchor: null  // after a fold the card folded stays where it was on screen: {id, x, y, zoom}
    }
  };
})();
