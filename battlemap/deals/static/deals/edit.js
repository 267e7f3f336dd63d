// Editing in place (htmx). Forms work as plain posts without this file; with htmx loaded, invalid
// (422) and stale (409) answers are swapped in like successes, so errors appear next to the field.
(function () {
  "use strict";
  function configure() {
    if (!window.htmx) { return; }
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "409", swap: true },
      { code: "422", swap: true },
      { code: "[45]..", swap: false, error: true },
    ];
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", configure);
  } else {
    configure();
  }
  // Leaving the "left on" date empty while status is "left" is refused by the server; show the field only when useful.
  function syncLeftOn(root) {
    var status = root.querySelector("select[name=status]");
    var leftOn = root.querySelector("#field-left_on");
    if (!status || !leftOn) { return; }
    leftOn.hidden = status.value !== "left" && !leftOn.classList.contains("has-error");
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[name=status]")) { syncLeftOn(event.target.form); }
  });
  document.addEventListener("DOMContentLoaded", function () { syncLeftOn(document); showFilters(document); });
  // The meeting form lists every active person of the account: a filter box narrows the list by name
  // or title (ticked people stay in view). Without this file the box stays hidden and the list whole.
  function showFilters(root) {
    root.querySelectorAll("input.people-filter").forEach(function (box) { box.hidden = false; });
  }
  document.addEventListener("input", function (event) {
    if (!event.target.matches("input.people-filter")) { return; }
    var query = event.target.value.trim().toLowerCase();
    var table = document.getElementById(event.target.getAttribute("aria-controls"));
    if (!table) { return; }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var ticked = row.querySelector("input[type=checkbox]:checked");
      row.hidden = !!query && !ticked && row.textContent.toLowerCase().indexOf(query) === -1;
    });
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    syncLeftOn(event.target);
    showFilters(event.target);
    // An "edit" link in the coverage grid loads that person's part into the (closed) editor: open it. Its
    // Cancel loads "Add a person" back: close it (htmx shows the row it was opened from).
    if (event.target.id === "role-editor-box") {
      var editing = !!event.target.querySelector("form[data-person]");
      event.target.open = editing;
      if (editing) { event.target.scrollIntoView({ block: "start" }); }
    }
  });
})();
