/* Entries kept on the phone until the server has them (IndexedDB), and the service worker
   that opens the event pages with no signal (/sw.js).

   TPPS.antrean.simpan(entri) / .hapus(id) / .milik(pengguna) / .untukHalaman(pengguna, path):
   each entry is {id (made here), pengguna, halaman, url, data: [[name, value]…],
   status: "menunggu" | "ditolak", pesan: [text…]}. The queue belongs to the signed-in user
   (phones are shared): signing out with entries not yet sent asks first and keeps them for
   that user; with nothing waiting it clears the pages and entries kept on the phone. */
(function () {
  "use strict";
  var pesan = window.TPPS.pesan;
  var pengguna = document.body.dataset.pengguna || "";
  var NAMA_DB = "tpps-lapangan";
  var TOKO = "entri";
  var dbJanji = null;

  function buka() {
    if (dbJanji) { return dbJanji; }
    dbJanji = new Promise(function (berhasil, gagal) {
      if (!window.indexedDB) { gagal(new Error("indexedDB")); return; }
      var req = window.indexedDB.open(NAMA_DB, 1);
      req.onupgradeneeded = function () {
        var toko = req.result.createObjectStore(TOKO, { keyPath: "id" });
        toko.createIndex("pengguna", "pengguna");
      };
      req.onsuccess = function () { berhasil(req.result); };
      req.onerror = function () { gagal(req.error); };
    });
    return dbJanji;
  }

  function transaksi(mode, kerja) {
    return buka().then(function (db) {
      return new Promise(function (berhasil, gagal) {
        var tx = db.transaction(TOKO, mode);
        var hasil = kerja(tx.objectStore(TOKO));
        tx.oncomplete = function () { berhasil(hasil && hasil.result !== undefined ? hasil.result : hasil); };
        tx.onerror = function () { gagal(tx.error); };
      });
    });
  }

  function milik(siapa) {
    return transaksi("readonly", function (toko) {
      return toko.index("pengguna").getAll(siapa);
    });
  }

  function idBaru() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  window.TPPS.antrean = {
    pengguna: pengguna,
    idBaru: idBaru,
    simpan: function (entri) { return transaksi("readwrite", function (toko) { toko.put(entri); }); },
    hapus: function (id) { return transaksi("readwrite", function (toko) { toko.delete(id); }); },
    milik: milik,
    untukHalaman: function (siapa, halaman) {
      return milik(siapa).then(function (semua) {
        return semua.filter(function (e) { return e.halaman === halaman; });
      });
    },
  };

  /* Signing out: entries not yet sent stay, for this user, after a question; with nothing
     waiting, the event pages kept for offline use and this user's entries go. */
  function hapusDataAnak() {
    var tunggu = [];
    if (window.caches) {
      tunggu.push(window.caches.keys().then(function (nama) {
        return Promise.all(nama.filter(function (n) { return n.indexOf("tpps-halaman-") === 0; })
          .map(function (n) { return window.caches.delete(n); }));
      }));
    }
    return Promise.all(tunggu);
  }
  document.querySelectorAll("form[data-keluar]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (form.dataset.sudahDitanya === "1") { return; }
      e.preventDefault();
      milik(pengguna).catch(function () { return []; }).then(function (entri) {
        if (entri.length) {
          if (!window.confirm(pesan("keluar_masih_ada", { n: entri.length }))) { return null; }
          return true;
        }
        return hapusDataAnak().catch(function () { return null; }).then(function () { return true; });
      }).then(function (lanjut) {
        if (lanjut) { form.dataset.sudahDitanya = "1"; form.submit(); }
      });
    });
  });

  // The worker that keeps the app and the event pages for use with no signal; the phone is
  // asked to keep what is stored even when space runs low.
  if (pengguna && "serviceWorker" in navigator && document.body.dataset.pekerja) {
    navigator.serviceWorker.register(document.body.dataset.pekerja, { scope: "/" }).catch(function () {});
    if (navigator.storage && navigator.storage.persist) { navigator.storage.persist().catch(function () {}); }
  }
})();
