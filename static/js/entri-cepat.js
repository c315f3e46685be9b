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
    return { status: r.status, j: { ok: false, kesalahan: [teks] } };
  }

  function tampilkanKesalahan(baris, kesalahan, konfirmasi) {
    var sel = baris.querySelector(".hasil");
    sel.replaceChildren();
    kesalahan.forEach(function (p) { sel.appendChild(el("div", "text-danger", p)); });
    if (konfirmasi) {
      sel.appendChild(el("div", "fw-semibold", pesan("konfirmasi")));
    }
  }

  function baris_berikut(baris) {
    var b = baris.nextElementSibling;
    while (b && !b.classList.contains("baris-ukur")) { b = b.nextElementSibling; }
    return b;
  }

  function simpan(baris) {
    var data = new FormData();
    baris.querySelectorAll("input, select").forEach(function (i) {
      if (i.type === "checkbox") { if (i.checked) { data.append(i.name, "on"); } }
      else { data.append(i.name, i.value); }
    });
    if (baris.dataset.konfirmasi === "1") { data.append("konfirmasi", "on"); }
    baris.classList.add("opacity-50");
    return fetch(baris.dataset.url, {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRFToken": csrf() },
    }).then(baca)
      .then(function (res) {
        baris.classList.remove("opacity-50");
        if (res.j.ok) {
          baris.dataset.konfirmasi = "";
          baris.classList.remove("table-danger");
          baris.classList.add("table-success");
          // The result cell as the server renders it (posyandu/_hasil_ukur.html).
          baris.querySelector(".hasil").innerHTML = res.j.html;
          var lanjut = baris_berikut(baris);
          if (lanjut) { lanjut.querySelector("input").focus(); }
        } else {
          baris.classList.add("table-danger");
          if (res.j.perlu_konfirmasi) { baris.dataset.konfirmasi = "1"; }
          tampilkanKesalahan(baris, res.j.kesalahan || [pesan("gagal")], res.j.perlu_konfirmasi);
        }
      }).catch(function () {
        baris.classList.remove("opacity-50");
        tampilkanKesalahan(baris, [pesan("tidak_tersambung")], false);
      });
  }

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
          var tbody = tabel.querySelector("tbody");
          var kosong = tbody.querySelector("tr.kosong");
          if (kosong) { kosong.remove(); }
          tbody.insertAdjacentHTML("afterbegin", res.j.html);
          form.reset();
          kotak.classList.add("d-none");
          document.getElementById("tetap-simpan-wrap").classList.add("d-none");
          document.getElementById("daftar-baru").open = false;
          tbody.querySelector("tr.baris-ukur input").focus();
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
