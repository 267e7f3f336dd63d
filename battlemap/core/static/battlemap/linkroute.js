// The influence links (and dotted lines) of the web's org chart, routed by the one rule of the exported charts
// (io/export/link_route.py): the same named steps — offEnds (off_ends), passes (passes_behind), past (_past),
// route, beside — and the same CLEARANCE, DETOURS, PAST_CARDS and SPREAD; change one file, change the other (the
// cards are laid out here, in the browser). A line never passes under a card it does not
// join, or it reads as that card's link ("刘芳 opposes 张伟" drawn under 孙丽 between them read as 孙丽's).
// A line whose straight way passes a card bends, further and further, above a row first, then to the other side,
// until it clears every other card; else it goes through the gap beside the first cards it passes; else it takes
// the way that passes fewest cards and is drawn over them (`over`), never hidden under one.
// Geometry as Cytoscape draws an unbundled-bezier edge: a quadratic curve from the source card's border to the
// target card's, each cut on the line from the card's centre to the control point.
(function () {
  "use strict";
  var CLEARANCE = 0.1;  // a line passes other cards at least this share of a card's height away
  var DETOURS = [0.6, 1.2, 1.6, 2.0, 3.0];  // control point so many card heights off the straight line (1.6: rows are 70 px apart)
  var PAST_CARDS = 3;  // the cards whose gaps beside them a line no bend clears tries to go through
  var SPREAD = 0.2;  // lines between the same two cards are so many card heights apart at their middle

  // The cards on a grid of card-sized cells, so the cards near a point are found at once.
  function Cards(boxes) {
    var cell = 1, pad = 0;
    boxes.forEach(function (b) { cell = Math.max(cell, b.x2 - b.x1, b.y2 - b.y1); pad = Math.max(pad, b.y2 - b.y1); });
    this.cell = cell;
    this.pad = CLEARANCE * pad;
    this.grid = {};
    var self = this;
    boxes.forEach(function (b) {
      for (var i = self.at(b.x1 - self.pad); i <= self.at(b.x2 + self.pad); i++) {
        for (var j = self.at(b.y1 - self.pad); j <= self.at(b.y2 + self.pad); j++) {
          (self.grid[i + "," + j] = self.grid[i + "," + j] || []).push(b);
        }
      }
    });
  }
  Cards.prototype.at = function (v) { return Math.floor(v / this.cell); };
  Cards.prototype.near = function (x, y) { return this.grid[this.at(x) + "," + this.at(y)] || []; };

  function holds(b, x, y, pad) { return x >= b.x1 - pad && x <= b.x2 + pad && y >= b.y1 - pad && y <= b.y2 + pad; }
  function centre(b) { return { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 }; }

  // where the line from the card's centre towards (x, y) leaves the card; null when (x, y) is inside it
  function border(b, x, y) {
    var c = centre(b), dx = x - c.x, dy = y - c.y;
    var s = Math.min(dx ? (b.x2 - b.x1) / 2 / Math.abs(dx) : Infinity, dy ? (b.y2 - b.y1) / 2 / Math.abs(dy) : Infinity);
    return s >= 1 ? null : { x: c.x + dx * s, y: c.y + dy * s };
  }

  // Whether a line (its points) stays off its own two cards: it leaves `a` on the half of its border that faces
  // `b`, enters `b` on the half that faces `a`, and passes over neither on the way. A bend that leaves a card by
  // its far corner, or overshoots the card it ends at and comes back, strikes through that card's name and its
  // arrow points at the empty side (a reviewer: James → Linda ran across Linda's card to her left edge).
  function offEnds(pts, a, b) {
    var ca = centre(a), cb = centre(b), dx = cb.x - ca.x, dy = cb.y - ca.y;
    var first = pts[0], last = pts[pts.length - 1];
    if ((first.x - ca.x) * dx + (first.y - ca.y) * dy < 0 || (last.x - cb.x) * dx + (last.y - cb.y) * dy > 0) {
      return false;
    }
    for (var i = 1; i < pts.length - 1; i++) {
      if (holds(a, pts[i].x, pts[i].y, -1) || holds(b, pts[i].x, pts[i].y, -1)) { return false; }
    }
    return true;
  }

  // The points of the line from `a`'s border to `b`'s through the control point `ctrl` (null: straight); null
  // when it cannot leave one card before reaching the other, or would pass over one of them (`offEnds`).
  function points(a, b, ctrl) {
    var ca = centre(a), cb = centre(b), via = ctrl || null;
    var p0 = border(a, via ? via.x : cb.x, via ? via.y : cb.y), p2 = border(b, via ? via.x : ca.x, via ? via.y : ca.y);
    if (!p0 || !p2) { return null; }
    var c = via || { x: (p0.x + p2.x) / 2, y: (p0.y + p2.y) / 2 };
    var long = Math.hypot(c.x - p0.x, c.y - p0.y) + Math.hypot(p2.x - c.x, p2.y - c.y);
    var n = Math.max(24, Math.ceil(long / Math.max((a.x2 - a.x1) / 3, 1)));  // pieces under a third of a card
    var out = [];
    for (var i = 0; i <= n; i++) {
      var t = i / n, u = 1 - t;
      out.push({ x: u * u * p0.x + 2 * u * t * c.x + t * t * p2.x, y: u * u * p0.y + 2 * u * t * c.y + t * t * p2.y });
    }
    return offEnds(out, a, b) ? out : null;
  }

  // How much of a line passes under cards besides its two ends: a point under a card counts more than all the
  // points of the line that only come too near one (as link_route.passes_behind counts: a line in the gap
  // between two rows that grazes both is drawn clear of their names, one through a card's corner is not); the
  // cards passed, in order, in `hit`.
  function passes(pts, cards, a, b, hit) {
    var behind = 0;
    pts.forEach(function (p) {
      cards.near(p.x, p.y).forEach(function (box) {
        if (box === a || box === b || !holds(box, p.x, p.y, cards.pad)) { return; }
        behind += holds(box, p.x, p.y, 0) ? pts.length + 1 : 1;
        if (hit && hit.indexOf(box) < 0) { hit.push(box); }
      });
    });
    return behind;
  }

  // Points just outside the cards a line passes, to draw it through instead (as link_route._past).
  function past(hit, pad) {
    var around = [];
    [2, 4, 8].forEach(function (k) {
      hit.slice(0, PAST_CARDS).forEach(function (box) {
        var g = k * pad, c = centre(box), l = box.x1 - g, r = box.x2 + g, t = box.y1 - g, d = box.y2 + g;
        around.push({ x: c.x, y: t }, { x: r, y: c.y }, { x: l, y: c.y }, { x: c.x, y: d },
                    { x: r, y: t }, { x: l, y: t }, { x: r, y: d }, { x: l, y: d });
      });
    });
    return around;
  }

  // The control point whose curve passes through `gap` halfway: the middle of a curve from border to border is a
  // quarter of each end and half the control point (link_route.route mirrors the middle of its centre-to-centre
  // curve in the gap; here the ends move with the control point, so it is found again from the ends it gives).
  function through(a, b, gap) {
    var ca = centre(a), cb = centre(b), c = { x: 2 * gap.x - (ca.x + cb.x) / 2, y: 2 * gap.y - (ca.y + cb.y) / 2 };
    for (var k = 0; k < 3; k++) {
      var p0 = border(a, c.x, c.y), p2 = border(b, c.x, c.y);
      if (!p0 || !p2) { break; }
      c = { x: 2 * gap.x - (p0.x + p2.x) / 2, y: 2 * gap.y - (p0.y + p2.y) / 2 };
    }
    return c;
  }

  // The way from card box `a` to card box `b` ({x1, y1, x2, y2}, model coordinates, y down) clear of `cards`:
  // null when the straight line is clear; else {distance, weight} of its control point as Cytoscape's
  // control-point-distances and -weights (edge-distances: node-position) and `over`: it passes some card.
  function route(a, b, cards) {
    var hit = [];
    var straight = points(a, b, null);
    if (!straight || !passes(straight, cards, a, b, hit)) { return null; }
    var ca = centre(a), cb = centre(b), dx = cb.x - ca.x, dy = cb.y - ca.y, len = Math.hypot(dx, dy) || 1;
    var nx = -dy / len, ny = dx / len, mx = (ca.x + cb.x) / 2, my = (ca.y + cb.y) / 2;
    // a link along a row tries every bend above it before any below (where the cards' reports hang), others
    // one side then the other (y grows down)
    var up = ny > 0 || (ny === 0 && nx < 0) ? -1 : 1, h = a.y2 - a.y1, above = [], below = [];
    DETOURS.forEach(function (k) {
      above.push({ x: mx + nx * up * k * h, y: my + ny * up * k * h });
      below.push({ x: mx - nx * up * k * h, y: my - ny * up * k * h });
    });
    var tries = Math.abs(dx) > Math.abs(dy) ? above.concat(below) : [];
    if (!tries.length) { above.forEach(function (p, i) { tries.push(p, below[i]); }); }
    var best = { behind: passes(straight, cards, a, b, null), ctrl: null };
    function attempt(ctrl) {
      var pts = points(a, b, ctrl);
      if (!pts) { return false; }
      var behind = passes(pts, cards, a, b, null);
      if (behind < best.behind) { best = { behind: behind, ctrl: ctrl }; }
      return behind === 0;
    }
    for (var i = 0; i < tries.length; i++) { if (attempt(tries[i])) { break; } }
    if (best.behind) {  // through the gaps beside the cards passed: the curve's middle there
      var gaps = past(hit, cards.pad);
      for (var j = 0; j < gaps.length && best.behind; j++) { attempt(through(a, b, gaps[j])); }
    }
    if (!best.ctrl) { return { distance: 0, weight: 0.5, over: true }; }
    var rx = best.ctrl.x - ca.x, ry = best.ctrl.y - ca.y;
    return { distance: rx * nx + ry * ny, weight: (rx * dx + ry * dy) / (len * len), over: best.behind > 0 };
  }

  // The `i`-th further line between the same two cards (a dotted line beside an influence link, the two arrows
  // of a pair who sway each other): the first line's way (`first`, null when straight) with its middle moved
  // i × SPREAD card heights aside, to the side that stays off both cards and passes fewest others — drawn on one
  // path, a grey dotted line under a red `opposes` arrow is never seen. As `route` gives it.
  function beside(a, b, cards, first, i) {
    var ca = centre(a), cb = centre(b), dx = cb.x - ca.x, dy = cb.y - ca.y, len = Math.hypot(dx, dy) || 1;
    var nx = -dy / len, ny = dx / len, w = first ? first.weight : 0.5, d = first ? first.distance : 0;
    var base = { x: ca.x + w * dx + d * nx, y: ca.y + w * dy + d * ny };
    // a curve's middle moves half as far as its control point
    var step = 2 * SPREAD * i * (a.y2 - a.y1), best = null;
    [i % 2 ? 1 : -1, i % 2 ? -1 : 1].forEach(function (side) {
      var ctrl = { x: base.x + side * step * nx, y: base.y + side * step * ny }, pts = points(a, b, ctrl);
      var behind = pts ? passes(pts, cards, a, b, null) : Infinity;
      if (!best || behind < best.behind) { best = { behind: behind, d: d + side * step }; }
    });
    return { distance: best.d, weight: w, over: best.behind > 0 };
  }

  window.battlemapLinkRoute = { Cards: Cards, route: route, beside: beside };
})();
