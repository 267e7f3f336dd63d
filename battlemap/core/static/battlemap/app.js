// Small behaviours shared by every page. No data is ever inserted as HTML.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
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
