// Behaviours every page may use, declared in the markup (no inline script: the pages are
// served with a Content-Security-Policy that allows scripts from /static/ only).
//   <button data-cetak>            prints the page
//   <select data-kirim-otomatis>   submits its form when changed
(function () {
  "use strict";
  document.querySelectorAll("[data-cetak]").forEach(function (el) {
    el.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-kirim-otomatis]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
})();
