// Behaviours every page may use, declared in the markup (no inline script: the pages are
// served with a Content-Security-Policy that allows scripts from /static/ only).
//   <button data-cetak>            prints the page
//   <select data-kirim-otomatis>   submits its form when changed
//   <table class="tabel-kartu">    each cell gets its column's name (data-label), which
//                                  css/tpps.css shows when a phone shows rows as cards
// and TPPS.pesan(kunci, isian): a text a script shows, as the server translated it
// (tpps/lib/pesan_skrip.py, rendered by base.html as #pesan-skrip); "%(nama)s" in it is
// filled from isian. Scripts hold no text of their own.
(function () {
  "use strict";
  var teks = null;
  window.TPPS = window.TPPS || {};
  window.TPPS.pesan = function (kunci, isian) {
    if (teks === null) {
      var sumber = document.getElementById("pesan-skrip");
      teks = sumber ? JSON.parse(sumber.textContent) : {};
    }
    var t = Object.prototype.hasOwnProperty.call(teks, kunci) ? teks[kunci] : kunci;
    return t.replace(/%\((\w+)\)s/g, function (_, nama) {
      return isian && isian[nama] !== undefined && isian[nama] !== null ? String(isian[nama]) : "";
    });
  };
  document.querySelectorAll("[data-cetak]").forEach(function (el) {
    el.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("table.tabel-kartu").forEach(function (tabel) {
    var judul = [];
    tabel.querySelectorAll(":scope > thead > tr:last-child > th").forEach(function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) { judul.push(th.textContent.trim()); }
    });
    tabel.querySelectorAll(":scope > tbody > tr").forEach(function (tr) {
      var kolom = 0;
      Array.prototype.forEach.call(tr.children, function (sel) {
        if (!sel.hasAttribute("data-label")) {
          sel.setAttribute("data-label", sel.colSpan > 1 ? "" : (judul[kolom] || ""));
        }
        kolom += sel.colSpan || 1;
      });
    });
  });
  document.querySelectorAll("[data-kirim-otomatis]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
})();
