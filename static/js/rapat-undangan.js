// The meeting form: "tick all" / "untick all" for the invited agencies.
(function () {
  "use strict";
document.querySelectorAll("[data-centang]").forEach(function (tombol) {
  tombol.addEventListener("click", function () {
    document.querySelectorAll("#daftar-undangan input[type=checkbox]").forEach(function (cb) {
      cb.checked = tombol.dataset.centang === "1";
    });
  });
});
})();
