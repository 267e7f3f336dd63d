// Small behaviours shared by every page. No data is ever inserted as HTML.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // On a phone the account tabs scroll sideways: bring the current one into sight (centred), not the page.
  var tab = document.querySelector(".tabs [aria-current=page]");
  if (tab && tab.parentElement.scrollWidth > tab.parentElement.clientWidth) {
    var nav = tab.parentElement.getBoundingClientRect(), box = tab.getBoundingClientRect();
    tab.parentElement.scrollLeft += box.left - nav.left - (nav.width - box.width) / 2;
  }
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
      el.form.submit();
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
})();
