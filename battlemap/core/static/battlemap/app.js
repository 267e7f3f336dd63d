// Small behaviours shared by every page. No data is ever inserted as HTML.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // On a phone the account tabs scroll sideways (the main menu wraps instead): bring the current one into
  // sight (centred) when it is not whole in sight already, and never the page.
  document.querySelectorAll(".tabs [aria-current=page]").forEach(function (tab) {
    var nav = tab.parentElement.getBoundingClientRect(), box = tab.getBoundingClientRect();
    if (box.left < nav.left || box.right > nav.right) {
      tab.parentElement.scrollLeft += box.left - nav.left - (nav.width - box.width) / 2;
    }
  });
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
      el.form.submit();
    }
    // A list marked data-not-with="reports_to" does not offer what that field holds (a person's
    // dotted-line managers leave out their solid-line manager).
    if (el.form && el.name) {
      el.form.querySelectorAll("select[data-not-with='" + el.name + "']").forEach(function (select) {
        Array.prototype.forEach.call(select.options, function (option) {
          var same = option.value !== "" && option.value === el.value;
          option.disabled = same;
          option.hidden = same;
          if (same) { option.selected = false; }
        });
      });
    }
    // A checkbox marked data-ticked-with="deal" follows that field (ticked when it has a value) until the
    // user ticks or unticks it themselves.
    if (el.matches && el.matches("input[type=checkbox][data-ticked-with]")) {
      el.dataset.touched = "1";
    } else if (el.form && el.name) {
      el.form.querySelectorAll("input[type=checkbox][data-ticked-with]").forEach(function (box) {
        if (box.dataset.tickedWith === el.name && !box.dataset.touched) {
          box.checked = Boolean(el.value);
        }
      });
    }
  });
  // The people picker of a big account (people.forms.PeopleSearch; the meeting form's participant table
  // too) searches the server for people (rows in .picker-found, above the chosen in .picker-chosen): a
  // person ticked there joins the chosen, so the next search does not take them away, and the lists that
  // follow that field (select[data-follows=<name>], the meeting's action item "about") offer them at once;
  // people already chosen are not offered twice.
  function follow(box, row) {
    if (!box.form || !box.name) { return; }
    box.form.querySelectorAll("select[data-follows='" + box.name + "']").forEach(function (select) {
      if (select.querySelector("option[value='" + box.value + "']")) { return; }
      var option = document.createElement("option");
      option.value = box.value;
      option.textContent = row.getAttribute("data-label") || row.textContent.trim();
      select.appendChild(option);
    });
  }
  document.addEventListener("change", function (event) {
    var box = event.target;
    var found = box.closest(".picker-found");
    if (!found || !box.matches("input[type=checkbox], input[type=radio]") || !box.checked) { return; }
    var row = box.closest(".picker-found > *");
    var picker = found.closest(".people-picker");
    var chosen = picker && picker.querySelector(".picker-chosen");
    if (!row || !chosen) { return; }
    chosen.appendChild(row);
    follow(box, row);
  });
  // Enter in a picker's search box searches (htmx, as typed), it does not send the form half filled.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("input.people-search")) { event.preventDefault(); }
  });
  function hideChosen(found) {
    var picker = found.closest(".people-picker");
    var chosen = picker && picker.querySelector(".picker-chosen");
    if (!chosen) { return; }
    found.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (box) {
      if (box.value && chosen.querySelector("input[value='" + box.value + "']")) { box.closest(".picker-found > *").remove(); }
    });
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.classList.contains("picker-found")) { hideChosen(event.target); }
  });
  // A form answered with errors in place (htmx) is scrolled to its first error when that is out of
  // sight: on a phone the long person form is sent from its bottom, its errors are at the top. So is a
  // message that offers an action (the deal room's "Action item deleted. Undo", far above the item).
  if (window.htmx) {
    window.htmx.onLoad(function (elt) {
      if (elt === document.body || !elt.querySelector) return;  // the page's first load: it opens at the top
      var form = elt.matches && elt.matches("form") ? elt : null;
      var offer = elt.querySelector(".message[role=status] form");
      var error = (form && form.querySelector("[role=alert], .errorlist")) || (offer && offer.closest(".message"));
      if (!error) return;
      var box = error.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) error.scrollIntoView({ block: "center" });
    });
  }
  // A form is sent once: a second click (a double click, an impatient one) while it is on its way does
  // nothing, and its submit buttons are disabled — after the browser or htmx has read the form, so the
  // clicked button's own name and value still go with it. They come back when the page stays: htmx's
  // answer arrives (a form with errors is swapped in), the page is shown again from the back-forward
  // cache, or a download leaves it in place (after a few seconds). The server guards create forms too
  // (once.web.guarded). A form marked data-resubmit opts out.
  var SENT = "sending";
  function buttons(form) {
    var inside = Array.prototype.slice.call(form.querySelectorAll("button:not([type=button]):not([type=reset]), input[type=submit]"));
    var outside = form.id ? Array.prototype.slice.call(document.querySelectorAll('[form="' + form.id + '"]')) : [];
    return inside.concat(outside);
  }
  function release(form) {
    if (!form || !form.classList.contains(SENT)) return;
    form.classList.remove(SENT);
    form.removeAttribute("aria-busy");
    delete form.dataset.htmxSent;
    buttons(form).forEach(function (b) {
      if (b.dataset.disabledBySend) { b.disabled = false; delete b.dataset.disabledBySend; }
    });
  }
  function byHtmx(form) {
    return ["post", "put", "patch", "delete", "get"].some(function (verb) {
      return form.hasAttribute("hx-" + verb) || form.hasAttribute("data-hx-" + verb);
    });
  }
  // A create form's one-time token (once.web) belongs to the page in the browser's history, not to one drawing
  // of it: Back to a form already sent draws it again with a fresh token (the pages are no-store), and the same
  // form filled in again — by the browser, by autofill, by hand — and sent made a second deal (a team's trial).
  // So each history entry remembers the token it sent and what was typed (a hash of the fields that differ from how
  // the page drew them); the same form sent again from that entry goes with the token sent first, and the server
  // answers with what the first one made ("already saved"). A form filled in otherwise is a new one.
  var ONCE = "battlemapOnce";
  function typed(form) {
    var parts = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || /^(hidden|submit|button|reset|file|image)$/.test(el.type)) return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked !== el.defaultChecked) parts.push(el.name + "=" + el.value + ":" + el.checked);
      } else if (el.options) {
        Array.prototype.forEach.call(el.options, function (o) {
          if (o.selected !== o.defaultSelected) parts.push(el.name + "=" + o.value + ":" + o.selected);
        });
      } else if (el.value !== el.defaultValue) {
        parts.push(el.name + "=" + el.value);
      }
    });
    // kept as a hash: the history entry holds no copy of what was typed
    var text = parts.sort().join("\n"), hash = 2166136261;
    for (var i = 0; i < text.length; i++) { hash ^= text.charCodeAt(i); hash = Math.imul(hash, 16777619) >>> 0; }
    return text.length + ":" + hash.toString(36);
  }
  function sendsOnce(form) {
    var token = form.querySelector("input[name=form_token]");
    if (!token) return;
    var key = form.id || form.getAttribute("action") || "", what = typed(form);
    var state = Object.assign({}, history.state || {}), sent = Object.assign({}, state[ONCE] || {});
    if (sent[key] && sent[key].typed === what) token.value = sent[key].token;
    sent[key] = { token: token.value, typed: what };
    state[ONCE] = sent;
    try { history.replaceState(state, ""); } catch (e) { /* a browser that refuses it: the token stays this drawing's */ }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("data-resubmit")) return;
    // a form that deletes asks first (data-confirm: the question, in the page's language)
    if (form.dataset.confirm && !form.classList.contains(SENT) && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    if (form.classList.contains(SENT)) {
      event.preventDefault();
      event.stopImmediatePropagation();  // htmx listens on the form: it does not send it again either
      return;
    }
    sendsOnce(form);
    form.classList.add(SENT);
    form.setAttribute("aria-busy", "true");
    var htmx = byHtmx(form);
    setTimeout(function () {
      // nothing went: a script stopped the send, or htmx did not send (a confirmation declined)
      if (htmx ? !form.dataset.htmxSent : event.defaultPrevented) { release(form); return; }
      buttons(form).forEach(function (b) {
        if (!b.disabled) { b.disabled = true; b.dataset.disabledBySend = "1"; }
      });
    }, 0);
    if (!htmx) setTimeout(function () { release(form); }, 8000);  // a download: the page stays
  }, true);
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail && event.detail.elt;
    if (form instanceof HTMLFormElement) form.dataset.htmxSent = "1";
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    release(elt && elt.closest ? elt.closest("form") : null);
  });
  // An answer htmx does not swap (a 403 of a page left open too long, a 404, a 500) left the form as if
  // nothing had happened: show the page the server sent in its place, as a plain post would have. Only a
  // whole page of ours is shown (parsed, its scripts not run); a partial (422 form errors) is edit.js's.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var text = xhr && typeof xhr.responseText === "string" ? xhr.responseText : "";
    if (!/^\s*<!doctype html/i.test(text)) return;
    var page = new DOMParser().parseFromString(text, "text/html");
    if (page.title) document.title = page.title;
    document.body.replaceWith(document.adoptNode(page.body));
    window.scrollTo(0, 0);
  });
  // A button[data-copy] copies the value of the field it names (its id) — a link shown only once, cut off in
  // its box on a phone — and says so with its data-copied text. Where the clipboard is refused, the field's
  // text is selected instead, for the phone's own Copy.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.dataset.copy);
    if (!field) return;
    function done() {
      button.textContent = button.dataset.copied;
      button.classList.add("copied");
    }
    function select() {
      field.focus();
      field.select();
      field.setSelectionRange(0, field.value.length);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, select);
    } else {
      select();
      try {
        if (document.execCommand("copy")) done();
      } catch (e) { /* the text stays selected */ }
    }
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form." + SENT).forEach(release);
  });
})();
