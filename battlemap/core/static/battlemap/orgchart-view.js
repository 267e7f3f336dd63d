// The org chart's view: Fit, zoom in and out, and the view it opens on (orgchart-cards.js says how the
// chart's scripts share their parts).
(function () {
  "use strict";
  var org = window.battlemapOrgParts;
  if (!org) { return; }
  var cy = org.cy, box = org.box;

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

  document.querySelectorAll("[data-org=fit], [data-org=zoom-in], [data-org=zoom-out]").forEach(function (el) {
    var action = el.getAttribute("data-org");
    el.addEventListener("click", function () {
      if (action === "fit") { fitAll(); }
      if (action === "zoom-in") { cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); }
      if (action === "zoom-out") { cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: box.clientWidth / 2, y: box.clientHeight / 2 } }); }
    });
  });

  org.READABLE_ZOOM = READABLE_ZOOM;
  org.fitAll = fitAll;
  org.headCard = headCard;
  org.readableFit = readableFit;
})();
