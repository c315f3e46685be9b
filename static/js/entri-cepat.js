/* Fast entry on an event page: one row per child, Tab along the row, Enter saves it.
   The server computes the z-scores and categories; this script only sends and shows. */
(function () {
  "use strict";
  var tabel = document.getElementById("tabel-ukur");
  if (!tabel) { return; }

  function csrf() {
    var m = document.cookie.match(/csrftoken=([^;]+)/);
    return m ? m[1] : "";
  }

  function el(tag, kelas, teks) {
    var e = document.createElement(tag);
    if (kelas) { e.className = kelas; }
    if (teks !== undefined) { e.textContent = teks; }
    return e;
  }

  var pesan = window.TPPS.pesan;  // the page's texts, translated on the server (tpps.js)

  /* The answer as {status, j}: the server answers JSON; anything else is turned into a
     message here. A redirect to the sign-in page, a 401 or a 403 that is not JSON (the
     CSRF check's own page) means the session ended; the server's own refusals are JSON. */
  function baca(r) {
    var jenis = r.headers.get("Content-Type") || "";
    if (jenis.indexOf("application/json") === 0) {
      return r.json().then(function (j) {
        if (!j.ok && !(j.kesalahan && j.kesalahan.length)) {
          j.kesalahan = [pesan(r.status === 403 ? "tidak_berhak" : "gagal")];
        }
        return { status: r.status, j: j };
      });
    }
    var teks;
    if (r.redirected || r.status === 401 || r.status === 403) { teks = pesan("sesi_berakhir"); }
    else if (r.status === 404) { teks = pesan("tidak_ditemukan"); }
    else { teks = pesan("server_bermasalah", { kode: r.status }); }
    // Not the server's own answer: it may go through another time.
    return { status: r.status, sementara: r.status !== 404, j: { ok: false, kesalahan: [teks] } };
  }

  function baris_berikut(baris) {
    var b = baris.nextElementSibling;
    while (b && !b.classList.contains("baris-ukur")) { b = b.nextElementSibling; }
    return b;
  }

  /* Every saved row is first kept on the phone (TPPS.antrean, js/antrean.js) under an id
     made here, then sent; it leaves the phone once the server has it. With no signal it
     waits and goes by itself when the connection returns; the server stores each id once,
     so sending again is safe. A refusal stays, with its message, until the kader corrects
     the row (Enter again) or discards the entry. */
  var antrean = window.TPPS.antrean;
  var halaman = window.location.pathname;
  var banner = document.getElementById("antrean-banner");
  var menunggu = {};  // id → entry, this page's entries still on the phone
  var sedangKirim = {};

  function perbaruiBanner() {
    if (!banner) { return; }
    var n = Object.keys(menunggu).length;
    banner.textContent = n ? pesan("antrean_n", { n: n }) : "";
    banner.dataset.jumlah = String(n);
    banner.classList.toggle("d-none", n === 0);
  }

  function barisUntuk(entri) {
    return tabel.querySelector('tr.baris-ukur[data-url="' + entri.url + '"]');
  }

  function isiBaris(baris, entri) {
    var nilai = {};
    entri.data.forEach(function (pasangan) { nilai[pasangan[0]] = pasangan[1]; });
    baris.querySelectorAll("input, select").forEach(function (i) {
      if (i.type === "checkbox") { i.checked = nilai[i.name] === "on"; }
      else if (nilai[i.name] !== undefined) { i.value = nilai[i.name]; }
    });
  }

  function tandaiMenunggu(baris, entri) {
    baris.dataset.idEntri = entri.id;
    baris.classList.remove("table-success", "table-danger");
    baris.classList.add(entri.status === "ditolak" ? "table-danger" : "table-warning");
    var sel = baris.querySelector(".hasil");
    sel.replaceChildren();
    (entri.pesan && entri.pesan.length ? entri.pesan : [pesan("tersimpan_di_ponsel")])
      .forEach(function (p) { sel.appendChild(el("div", entri.status === "ditolak" ? "text-danger" : "", p)); });
    if (entri.perlu_konfirmasi) { sel.appendChild(el("div", "fw-semibold", pesan("konfirmasi"))); }
    if (entri.perlu_pindah) {
      // Measured today at another event: correct that one and move it here, or cancel.
      var pindah = el("button", "btn btn-warning btn-sm me-2 mb-1", pesan("pindahkan"));
      pindah.type = "button";
      pindah.addEventListener("click", function () {
        entri.data = entri.data.filter(function (p) { return p[0] !== "pindahkan"; });
        entri.data.push(["pindahkan", "on"]);
        entri.status = "menunggu";
        entri.perlu_pindah = false;
        antrean.simpan(entri).then(function () { return kirim(entri); });
      });
      sel.appendChild(pindah);
    }
    var buang = el("button", "btn btn-link btn-sm link-danger p-0",
                   pesan(entri.perlu_pindah ? "batalkan" : "buang_entri"));
    buang.type = "button";
    buang.tabIndex = -1;
    var batal = !!entri.perlu_pindah;
    buang.addEventListener("click", function () {
      antrean.hapus(entri.id).then(function () {
        if (batal) {  // cancelled: what was typed goes too, the other event's measurement stays
          baris.querySelectorAll("input[type=text], input:not([type])").forEach(function (i) { i.value = ""; });
        }
        delete menunggu[entri.id];
        delete baris.dataset.idEntri;
        baris.classList.remove("table-warning", "table-danger");
        sel.replaceChildren();
        perbaruiBanner();
      });
    });
    sel.appendChild(buang);
  }

  function kirim(entri) {
    if (sedangKirim[entri.id]) { return sedangKirim[entri.id]; }
    var data = new FormData();
    entri.data.forEach(function (pasangan) { data.append(pasangan[0], pasangan[1]); });
    data.append("id_entri", entri.id);
    var baris = barisUntuk(entri);
    if (baris) { baris.classList.add("opacity-50"); }
    var janji = fetch(entri.url, {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRFToken": csrf() },
    }).then(baca)
      .then(function (res) {
        if (res.j.ok) {
          return antrean.hapus(entri.id).then(function () {
            delete menunggu[entri.id];
            if (baris && baris.dataset.idEntri === entri.id) {
              delete baris.dataset.idEntri;
              baris.dataset.konfirmasi = "";
              baris.classList.remove("table-danger", "table-warning");
              baris.classList.add("table-success");
              // The result cell as the server renders it (posyandu/_hasil_ukur.html).
              baris.querySelector(".hasil").innerHTML = res.j.html;
            }
            return true;
          });
        }
        // A signed-out session, a stale token or a server fault: the entry waits as it is
        // and goes again later. Anything else the server refused: it waits for the kader.
        var sementara = res.j.sesi_berakhir || res.sementara;
        entri.status = sementara ? "menunggu" : "ditolak";
        entri.pesan = res.j.kesalahan || [pesan("gagal")];
        entri.perlu_konfirmasi = !!res.j.perlu_konfirmasi;
        entri.perlu_pindah = !!res.j.perlu_pindah;
        return antrean.simpan(entri).then(function () {
          if (baris && baris.dataset.idEntri === entri.id) {
            if (entri.perlu_konfirmasi) { baris.dataset.konfirmasi = "1"; }
            tandaiMenunggu(baris, entri);
          }
          return false;
        });
      }, function () {
        // No connection: the entry stays on the phone.
        if (baris && baris.dataset.idEntri === entri.id) { tandaiMenunggu(baris, entri); }
        return false;
      }).then(function (hasil) {
        if (baris) { baris.classList.remove("opacity-50"); }
        delete sedangKirim[entri.id];
        perbaruiBanner();
        return hasil;
      });
    sedangKirim[entri.id] = janji;
    return janji;
  }

  function kirimSemua() {
    var antre = Object.keys(menunggu).map(function (id) { return menunggu[id]; })
      .filter(function (e) { return e.status !== "ditolak"; });
    // One after another: the first failure (still no signal) stops the round.
    return antre.reduce(function (janji, entri) {
      return janji.then(function (lanjut) { return lanjut === false ? false : kirim(entri); });
    }, Promise.resolve(true));
  }

  function simpan(baris) {
    var data = [];
    baris.querySelectorAll("input, select").forEach(function (i) {
      if (i.type === "checkbox") { if (i.checked) { data.push([i.name, "on"]); } }
      else { data.push([i.name, i.value]); }
    });
    if (baris.dataset.konfirmasi === "1") { data.push(["konfirmasi", "on"]); }
    var entri = { id: antrean.idBaru(), pengguna: antrean.pengguna, halaman: halaman,
                  url: baris.dataset.url, data: data, status: "menunggu", pesan: [],
                  dibuat: new Date().toISOString() };
    var lama = baris.dataset.idEntri;  // this row's earlier entry, replaced by this one
    baris.dataset.idEntri = entri.id;
    var lanjut = baris_berikut(baris);
    return (lama ? antrean.hapus(lama) : Promise.resolve())
      .then(function () { if (lama) { delete menunggu[lama]; } return antrean.simpan(entri); })
      .then(function () {
        menunggu[entri.id] = entri;
        perbaruiBanner();
        if (lanjut) { lanjut.querySelector("input").focus(); }
        return kirim(entri);
      }, function () {
        // No storage on this phone (private mode): send straight away, as before.
        return kirim(entri);
      });
  }

  // Entries kept on the phone for this page (typed offline, or refused): back in their rows,
  // and on their way if there is a connection.
  antrean.untukHalaman(antrean.pengguna, halaman).then(function (daftar) {
    daftar.forEach(function (entri) {
      menunggu[entri.id] = entri;
      var baris = barisUntuk(entri);
      if (baris) { isiBaris(baris, entri); tandaiMenunggu(baris, entri); }
    });
    perbaruiBanner();
    if (navigator.onLine) { kirimSemua(); }
  }).catch(function () {});
  window.addEventListener("online", function () { kirimSemua(); });
  window.setInterval(function () {
    if (navigator.onLine && Object.keys(menunggu).length) { kirimSemua(); }
  }, 20000);

  tabel.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") { return; }
    var baris = e.target.closest("tr.baris-ukur");
    if (!baris) { return; }
    e.preventDefault();
    simpan(baris);
  });
  tabel.addEventListener("input", function (e) {
    var baris = e.target.closest("tr.baris-ukur");
    if (baris && baris.dataset.konfirmasi === "1" && e.target.type !== "checkbox") {
      baris.dataset.konfirmasi = "";
    }
  });

  /* The desk: search as you type, a child's arrival into the event's queue, and the
     arrivals other desks record, fetched every few seconds. Rows keep their place: the
     queue at the top, in order of arrival. */
  var tbody = tabel.querySelector("tbody");

  function barisBalita(id) {
    return tbody.querySelector('tr.baris-ukur[data-balita="' + id + '"]');
  }

  function tambahBaris(html) {
    var wadah = document.createElement("tbody");
    wadah.innerHTML = html;
    var baru = wadah.querySelector("tr.baris-ukur");
    if (!baru) { return null; }
    var ada = barisBalita(baru.dataset.balita);
    if (ada) {
      if (baru.dataset.tiba) { ada.dataset.tiba = baru.dataset.tiba; }
      return ada;
    }
    var kosong = tbody.querySelector("tr.kosong");
    if (kosong) { kosong.remove(); }
    var antre = tbody.querySelectorAll("tr.baris-ukur[data-tiba]");
    if (antre.length) { antre[antre.length - 1].after(baru); } else { tbody.prepend(baru); }
    return baru;
  }

  var kotakCari = document.getElementById("cari-meja");
  var hasilCari = document.getElementById("hasil-cari");
  var tundaCari = null;
  var nomorCari = 0;

  function cari() {
    var q = kotakCari.value.trim();
    var nomor = ++nomorCari;
    if (q.length < 2) { hasilCari.replaceChildren(); return; }
    fetch(kotakCari.dataset.url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(baca).then(function (res) {
        if (nomor !== nomorCari) { return; }  // an older answer arriving late
        if (res.j.ok) { hasilCari.innerHTML = res.j.html; return; }
        hasilCari.replaceChildren(el("div", "text-danger small", (res.j.kesalahan || [pesan("gagal")]).join(" ")));
      }, function () {
        if (nomor === nomorCari) { hasilCari.replaceChildren(el("div", "text-danger small", pesan("tidak_tersambung"))); }
      });
  }

  if (kotakCari && hasilCari) {
    kotakCari.addEventListener("input", function () {
      window.clearTimeout(tundaCari);
      tundaCari = window.setTimeout(cari, 250);
    });
    document.getElementById("form-cari-meja").addEventListener("submit", function (e) {
      e.preventDefault();
      window.clearTimeout(tundaCari);
      cari();
    });
    hasilCari.addEventListener("click", function (e) {
      var tombol = e.target.closest("button.tombol-tiba");
      if (!tombol) { return; }
      tombol.disabled = true;
      fetch(tombol.dataset.url, {
        method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf() },
      }).then(baca).then(function (res) {
        if (!res.j.ok) {
          tombol.disabled = false;
          tombol.after(el("div", "text-danger small w-100", (res.j.kesalahan || [pesan("gagal")]).join(" ")));
          return;
        }
        var baris = tambahBaris(res.j.html);
        kotakCari.value = "";
        hasilCari.replaceChildren();
        if (baris) { baris.querySelector("input").focus(); baris.scrollIntoView({ block: "center" }); }
      }, function () {
        tombol.disabled = false;
        tombol.after(el("div", "text-danger small w-100", pesan("tidak_tersambung")));
      });
    });
  }

  function ambilKedatangan() {
    if (!navigator.onLine || document.hidden || !tbody.dataset.kedatanganUrl) { return; }
    fetch(tbody.dataset.kedatanganUrl + "?sesudah=" + (tbody.dataset.terakhir || "0"),
          { credentials: "same-origin" })
      .then(baca).then(function (res) {
        if (!res.j.ok) { return; }
        res.j.baris.forEach(function (b) { tambahBaris(b.html); });
        tbody.dataset.terakhir = String(res.j.terakhir);
      }, function () {});
  }
  window.setInterval(ambilKedatangan, 8000);

  var form = document.getElementById("form-balita-baru");
  if (!form) { return; }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var kotak = document.getElementById("pesan-balita-baru");
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-CSRFToken": csrf() },
    }).then(baca)
      .then(function (res) {
        if (res.j.ok) {
          var baris = tambahBaris(res.j.html);
          form.reset();
          kotak.classList.add("d-none");
          document.getElementById("tetap-simpan-wrap").classList.add("d-none");
          document.getElementById("daftar-baru").open = false;
          if (baris) { baris.querySelector("input").focus(); }
        } else {
          kotak.replaceChildren();
          (res.j.kesalahan || []).forEach(function (p) { kotak.appendChild(el("div", "", p)); });
          kotak.classList.remove("d-none");
          if (res.j.duplikat) { document.getElementById("tetap-simpan-wrap").classList.remove("d-none"); }
        }
      }).catch(function () {
        kotak.replaceChildren(el("div", "", pesan("tidak_tersambung")));
        kotak.classList.remove("d-none");
      });
  });
})();
