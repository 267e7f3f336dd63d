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
})();
