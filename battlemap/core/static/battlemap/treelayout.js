// A top-down layered layout for reporting trees, linear in the number of cards, used for big org charts
// where dagre's crossing minimisation takes seconds. Each manager sits centred above their reports;
// people with neither manager nor reports are packed in rows under the trees.
(function () {
  "use strict";

  function treePositions(nodes, edges, opts) {
    var gapX = opts.gapX || 24, gapY = opts.gapY || 70;
    var size = {}, children = {}, hasParent = {};
    nodes.forEach(function (n) { size[n.id] = { w: n.w, h: n.h }; children[n.id] = []; });
    edges.forEach(function (e) {
      if (children[e.source] && size[e.target] && !hasParent[e.target]) {
        children[e.source].push(e.target);
        hasParent[e.target] = true;
      }
    });
    var roots = nodes.filter(function (n) { return !hasParent[n.id]; }).map(function (n) { return n.id; });
    var trees = roots.filter(function (id) { return children[id].length; });
    var loners = roots.filter(function (id) { return !children[id].length; });

    // depth of each card and the height of each layer
    var depth = {}, layerH = [], order = [], stack = trees.slice().reverse().map(function (id) { return [id, 0]; });
    var seen = {};
    while (stack.length) {
      var item = stack.pop(), id = item[0], d = item[1];
      if (seen[id]) { continue; }  // a cycle in bad data must not hang the page
      seen[id] = true;
      depth[id] = d;
      order.push(id);
      layerH[d] = Math.max(layerH[d] || 0, size[id].h);
      for (var i = children[id].length - 1; i >= 0; i--) { stack.push([children[id][i], d + 1]); }
    }
    var layerY = [], y = 0;
    for (var k = 0; k < layerH.length; k++) { layerY[k] = y + layerH[k] / 2; y += layerH[k] + gapY; }

    // subtree widths, bottom-up (reverse pre-order visits children before parents)
    var width = {};
    for (var j = order.length - 1; j >= 0; j--) {
      var nid = order[j], kids = children[nid].filter(function (c) { return seen[c] && depth[c] === depth[nid] + 1; });
      var sum = kids.reduce(function (acc, c) { return acc + width[c]; }, 0) + gapX * Math.max(0, kids.length - 1);
      width[nid] = Math.max(size[nid].w, sum);
      children[nid] = kids;
    }
    var pos = {};
    function place(id, left) {
      pos[id] = { x: left + width[id] / 2, y: layerY[depth[id]] };
      var kidsW = children[id].reduce(function (acc, c) { return acc + width[c]; }, 0) + gapX * Math.max(0, children[id].length - 1);
      var x = left + (width[id] - kidsW) / 2;
      children[id].forEach(function (c) { place(c, x); x += width[c] + gapX; });
    }
    var left = 0;
    trees.forEach(function (id) { place(id, left); left += width[id] + gapX * 2; });

    // loners in rows under the trees, as wide as the forest (at least a few cards)
    var rowW = Math.max(left, 6 * 200), x0 = 0, rowY = y + gapY, rowH = 0;
    loners.forEach(function (id) {
      var s = size[id];
      if (x0 > 0 && x0 + s.w > rowW) { x0 = 0; rowY += rowH + gapX; rowH = 0; }
      pos[id] = { x: x0 + s.w / 2, y: rowY + s.h / 2 };
      x0 += s.w + gapX;
      rowH = Math.max(rowH, s.h);
    });
    return pos;
  }

  window.battlemapTreeLayout = { positions: treePositions };
})();
