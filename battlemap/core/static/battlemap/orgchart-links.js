// The org chart's influence links: routed clear of the cards they do not join, shown or hidden by the
// "Influence links" box, and a new one drawn from a card to the person they sway (orgchart-cards.js
// says how the chart's scripts share their parts).
(function () {
  "use strict";
  var org = window.battlemapOrgParts;
  if (!org) { return; }
  var cy = org.cy, box = org.box, ds = org.ds, state = org.state;
  var linkKind = document.getElementById("org-link-kind");

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

  if (org.linksBox) {
    org.linksBox.addEventListener("change", function () {
      if (org.linksBox.checked) {
        cy.add(state.influenceEdges.filter(function (e) { return cy.getElementById(e.data.source).length && cy.getElementById(e.data.target).length; }));
        routeLinks();
      } else { cy.edges("[kind = 'influence']").remove(); }
    });
  }

  // ---- start an influence link from a card: pick a card, then the person they sway ----
  function cancelLink() {
    if (state.linkFrom) { state.linkFrom.removeClass("link-source"); }
    state.linkFrom = null;
    box.classList.remove("linking");
  }

  function startLink(node) {
    cancelLink();
    state.linkFrom = node;
    node.addClass("link-source");
    box.classList.add("linking");
    org.say(org.fmt(ds.msgLinkPick, { name: node.data("name") }), false);
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
          org.say(org.fmt(ds.msgLinkSaved, { name: from.data("name"), target: to.data("name") }), false);
          state.selectedId = from.id();
          return org.load(true);
        }
        return r.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var errs = Array.prototype.map.call(doc.querySelectorAll(".errorlist li, .form-errors li"), function (li) { return li.textContent; });
          org.sayNotSaved(errs.length ? errs : [String(r.status)]);
        });
      })
      .catch(function (err) { org.sayNotSaved([err.message]); });
  }

  org.routeLinks = routeLinks;
  org.cancelLink = cancelLink;
  org.startLink = startLink;
  org.saveLink = saveLink;
})();
