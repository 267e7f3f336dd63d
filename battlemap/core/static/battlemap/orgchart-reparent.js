// The org chart's drag and drop: a card dropped onto another saves who the person reports to, with an
// Undo in the status line (orgchart-cards.js says how the chart's scripts share their parts).
(function () {
  "use strict";
  var org = window.battlemapOrgParts;
  if (!org) { return; }
  var cy = org.cy, ds = org.ds, state = org.state, status = org.status;

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
    org.routeLinks();  // a card dropped on the background stays there: the links round it again
    if (!ds.reparentUrl) { return; }
    var node = evt.target;
    var target = nodeUnder(node);
    if (!target || target.data("body") || node.data("body")) { return; }  // nobody reports to a body
    var was = state.managerOf[node.id()] || "";  // the manager before the drop, for the undo ("" = the top)
    postReportsTo(node.data("pid"), target.data("pid"), node.data("version"))
      .then(function (res) {
        if (res.ok) {
          org.say(org.fmt(ds.msgSaved, { name: node.data("name"), manager: target.data("name") }), false);
          offerUndo(node.data("name"), res.body, was);
        } else { sayErrors(res.body); }
        return org.load(true);
      })
      .catch(function (err) { org.sayNotSaved([err.message]); });
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
    org.sayNotSaved(msgs);
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
          if (res.ok) { org.say(org.fmt(ds.msgUndone, { name: name }), false); } else { sayErrors(res.body); }
          return org.load(true);
        })
        .catch(function (err) { org.sayNotSaved([err.message]); });
    });
    status.appendChild(document.createTextNode(" "));
    status.appendChild(undo);
  }
})();
