// The org chart's decision bodies (◆): where their cards stand, and their members in the toolbar, each a
// button that brings that person's card into view (orgchart-cards.js says how the chart's scripts share
// their parts).
(function () {
  "use strict";
  var org = window.battlemapOrgParts;
  if (!org) { return; }
  var cy = org.cy, box = org.box, ds = org.ds, state = org.state;

  // Decision bodies are left out of the layout and set in rows just above the top of the tree, centred on
  // the card the chart opens on, as many to a row as the opening view holds: on screen without "Fit". Their
  // rows take at most BODY_ROOM of the opening view's height, so the tree shows under them (on a phone three
  // bodies in a column filled the chart's first screen): the rows left run wider than the view, to pan.
  var BODY_GAP = 24, BODY_ROOM = 0.4;
  function placeBodies() {
    var bodies = cy.nodes("[?body]"), head = org.headCard();
    if (!bodies.length) { return; }
    var w = bodies[0].data("w") + BODY_GAP, h = bodies[0].data("h") + BODY_GAP;
    var perRow = Math.max(1, Math.floor((box.clientWidth / org.READABLE_ZOOM - 2 * BODY_GAP) / w));
    var maxRows = Math.max(1, Math.floor(BODY_ROOM * box.clientHeight / org.READABLE_ZOOM / h));
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

  // a body's members as buttons (the chair first), also those inside a collapsed team (their cards are
  // not drawn: the lines are read from the whole graph): each selects that person's card and brings it
  // into view, expanding the teams around it first (showMember)
  function listMembers(node) {
    var list = org.actions.querySelector("[data-act=members]");
    list.replaceChildren();
    var names = {};
    state.allNodes.forEach(function (n) { names[n.data.id] = n.data.name; });
    var lines = state.allEdges.filter(function (e) { return e.data.kind === "member" && e.data.source === node.id() && names[e.data.target] !== undefined; });
    lines.sort(function (a, b) { return (b.data.chair ? 1 : 0) - (a.data.chair ? 1 : 0); });
    lines.forEach(function (line) {
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.act = "member";
      button.dataset.id = line.data.target;
      button.textContent = names[line.data.target] + (line.data.chair ? ds.chairNote : "");
      list.appendChild(button);
    });
  }

  // Select a person's card and bring it into view; when it sits inside collapsed teams, expand every
  // collapsed manager above it first (the chart is drawn again, then centred on the card: done()).
  function showMember(id) {
    var person = cy.getElementById(id);
    if (person.length) { cy.center(person); org.select(person); return; }
    var above = org.foldedAbove(id);
    if (!above.length) { return; }
    above.forEach(function (up) { state.folded[up] = false; });
    state.keptView = { zoom: cy.zoom(), pan: { x: cy.pan().x, y: cy.pan().y } };
    state.selectedId = id;
    state.focusing = true;
    org.draw();
  }

  org.placeBodies = placeBodies;
  org.listMembers = listMembers;
  org.showMember = showMember;
})();
