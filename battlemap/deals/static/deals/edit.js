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
    syncLeftOn(event.target);
    showFilters(event.target);
    // An "edit" link in the coverage grid loads that person's role form into the (closed) editor: open it.
    if (event.target.id === "role-editor") {
      var box = event.target.closest("details");
      if (box) { box.open = true; box.scrollIntoView({ block: "start" }); }
    }
  });
})();
