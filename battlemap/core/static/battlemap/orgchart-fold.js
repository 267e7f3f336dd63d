// The org chart's teams, collapsed and expanded: the reporting tree of the whole graph, which cards are
// drawn (none inside a collapsed team), and the first view of a big chart, its deep teams collapsed
// (orgchart-cards.js says how the chart's scripts share their parts).
(function () {
  "use strict";
  var org = window.battlemapOrgParts;
  if (!org) { return; }
  var cy = org.cy, box = org.box, ds = org.ds, state = org.state;

  // A big chart opens with deep teams collapsed: only the first levels are drawn, each collapsed manager with
  // "▸ +n". Collapsed cards are not in the chart at all; Expand team adds them and lays the chart out again.
  // Two reasons, two limits. Readable: a chart of more than FOLD_OVER cards keeps the levels that stand at
  // most WIDE_MAX cards side by side (a card with no reports drawn under it takes a column of the tree), so
  // the opening view and Fit show names (a 250-person group drawn whole was 100 cards wide: Fit made it a
  // strip 60 px tall). Fast: at most SHOWN_MAX cards, as Cytoscape's cost is per card drawn (styles,
  // labels, elbow lines): 2,000 cards took seconds, 150 take a fraction. The top and its direct reports are
  // always drawn (unless past SHOWN_MAX).
  var FOLD_OVER = 80, WIDE_MAX = 12, SHOWN_MAX = 200;

  function readTree() {
    var has = {}, isKid = {}, kidsOf = {}, managerOf = {};
    state.allNodes.forEach(function (n) { has[n.data.id] = true; kidsOf[n.data.id] = []; });
    state.allEdges.forEach(function (e) {
      var d = e.data;
      if (d.kind === "reports" && has[d.source] && has[d.target] && !isKid[d.target] && d.source !== d.target) {
        kidsOf[d.source].push(d.target);
        managerOf[d.target] = d.source;
        isKid[d.target] = true;
      }
    });
    state.kidsOf = kidsOf;
    state.managerOf = managerOf;
    state.rootIds = state.allNodes.map(function (n) { return n.data.id; }).filter(function (id) { return !isKid[id]; });
  }

  // Pre-order walk from the roots: [id, depth] pairs (a cycle in bad data is walked once).
  function walk() {
    var out = [], seen = {}, stack = state.rootIds.slice().reverse().map(function (id) { return [id, 0]; });
    while (stack.length) {
      var item = stack.pop();
      if (seen[item[0]]) { continue; }
      seen[item[0]] = true;
      out.push(item);
      var kids = state.kidsOf[item[0]];
      for (var i = kids.length - 1; i >= 0; i--) { stack.push([kids[i], item[1] + 1]); }
    }
    return out;
  }

  // How many cards stand side by side when the first `levels` levels are drawn: those on the last level
  // and those above it with no reports (people with neither manager nor reports are set in rows under the
  // trees, treelayout.js: they take no column).
  function columns(order, levels) {
    return order.filter(function (item) {
      var d = item[1], managed = !!state.managerOf[item[0]], manages = state.kidsOf[item[0]].length > 0;
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
    order.forEach(function (item) { if (item[1] >= levels - 1 && state.kidsOf[item[0]].length) { state.folded[item[0]] = true; } });
    if (ds.msgFolded) { org.say(org.fmt(ds.msgFolded, { levels: String(levels) }), false); }
    refoldButtons.forEach(function (el) { el.hidden = false; });
  }

  // The elements to draw: every card not under a collapsed one (with its count), the lines between them.
  function shownElements(showLinks) {
    var hidden = {}, count = {}, order = walk();
    var under = {};  // id → true when some manager above is collapsed
    for (var i = 0; i < order.length; i++) {
      var id = order[i][0];
      if (under[id]) { hidden[id] = true; }
      if (under[id] || state.folded[id]) { state.kidsOf[id].forEach(function (k) { under[k] = true; }); }
    }
    for (var j = order.length - 1; j >= 0; j--) {  // cards below each one (children before parents)
      var nid = order[j][0];
      count[nid] = state.kidsOf[nid].reduce(function (acc, k) { return acc + 1 + (count[k] || 0); }, 0);
    }
    var nodes = state.allNodes.filter(function (n) { return !hidden[n.data.id]; });
    nodes.forEach(function (n) {
      var d = n.data, hiddenCount = state.folded[d.id] ? count[d.id] || 0 : 0;
      if (d.hiddenCount !== hiddenCount || !d.label) {
        d.hiddenCount = hiddenCount;
        d.label = org.cardLabel(d, d.w - 20, d.fontSize);
      }
    });
    var edges = state.allEdges.filter(function (e) {
      return !hidden[e.data.source] && !hidden[e.data.target] && (showLinks || e.data.kind !== "influence");
    });
    return nodes.concat(edges);
  }

  // ---- collapse and expand a subtree: the team leaves the chart, which is laid out again ----
  function reportsOf(node) { return node.outgoers("edge[kind = 'reports']").targets(); }

  function below(node) {
    var out = cy.collection(), down = reportsOf(node);
    while (down.length) { out = out.union(down); down = reportsOf(down).difference(out); }
    return out;
  }

  // the card that stays where it is on screen while the chart is drawn again (done() in orgchart.js)
  function anchorOn(node) {
    var p = node.renderedPosition();
    state.anchor = { id: node.id(), x: p.x, y: p.y, zoom: cy.zoom() };
  }

  function toggleFold(node) {
    anchorOn(node);
    state.folded[node.id()] = !state.folded[node.id()];
    state.selectedId = node.id();
    org.draw();
  }

  // The collapsed managers above a card, nearest first: a card under any of them is not drawn.
  function foldedAbove(id) {
    var out = [], up = state.managerOf[id], seen = {};
    while (up && !seen[up]) {
      seen[up] = true;
      if (state.folded[up]) { out.push(up); }
      up = state.managerOf[up];
    }
    return out;
  }

  // "Expand all" draws every team; "Top levels" collapses the deep teams again, as the big chart opened
  // (foldDeepTeams). Both are offered only on a chart that opened folded. The selected card stays where it
  // was on screen, as after Expand team, else the top card does; a selected card folded away is unselected.
  function refold(expand) {
    var chosen = state.selectedId ? cy.getElementById(state.selectedId) : cy.collection();
    Object.keys(state.folded).forEach(function (id) { delete state.folded[id]; });
    if (expand) { org.say(ds.msgHint || "", false); } else { foldDeepTeams(); }
    if (chosen.length && foldedAbove(chosen.id()).length) {
      chosen = cy.collection();
      state.selectedId = null;
      if (org.actions) { org.actions.hidden = true; }
    }
    var keep = chosen.length ? chosen : org.headCard();
    if (keep) { anchorOn(keep); }
    box.classList.add("loading");  // every card of a big group takes a moment to lay out
    org.draw();
  }

  var refoldButtons = document.querySelectorAll("[data-org=expand-all], [data-org=top-levels]");
  refoldButtons.forEach(function (el) {
    el.addEventListener("click", function () { refold(el.getAttribute("data-org") === "expand-all"); });
  });

  org.FOLD_OVER = FOLD_OVER;
  org.readTree = readTree;
  org.foldDeepTeams = foldDeepTeams;
  org.shownElements = shownElements;
  org.below = below;
  org.toggleFold = toggleFold;
  org.foldedAbove = foldedAbove;
})();
