/* A child's page: growth charts against the WHO curves, and the logged NIK reveal. */
(function () {
  "use strict";
  var pesan = window.TPPS.pesan;  // the page's texts (tpps.js)
  var sumber = document.getElementById("data-grafik");
  if (sumber && window.Chart) {
    var data = JSON.parse(sumber.textContent);
    var gaya = {
      "-3": { warna: "#dc3545", garis: [4, 3] }, "-2": { warna: "#fd7e14", garis: [] },
      "0": { warna: "#198754", garis: [] }, "2": { warna: "#fd7e14", garis: [] },
      "3": { warna: "#dc3545", garis: [4, 3] },
    };
    Object.keys(data).forEach(function (kunci) {
      var g = data[kunci];
      var kanvas = document.getElementById("grafik-" + kunci);
      if (!kanvas) { return; }
      var set = ["-3", "-2", "0", "2", "3"].map(function (sd) {
        return {
          label: (sd === "0" ? pesan("grafik_median") : pesan("grafik_sd", { sd: sd })), type: "line",
          data: g.kurva.x.map(function (x, i) { return { x: x, y: g.kurva[sd][i] }; }),
          borderColor: gaya[sd].warna, borderDash: gaya[sd].garis, borderWidth: 1.5,
          pointRadius: 0, fill: false, tension: 0.2,
        };
      });
      set.push({
        label: pesan("grafik_anak"), type: "line", data: g.titik, borderColor: "#0d6efd",
        backgroundColor: "#0d6efd", pointRadius: 4, showLine: true, borderWidth: 2,
      });
      kanvas.dataset.titik = String(g.titik.length);
      new window.Chart(kanvas, {
        data: { datasets: set },
        options: {
          animation: false, parsing: true,
          plugins: { title: { display: true, text: g.judul }, legend: { display: false } },
          scales: {
            x: { type: "linear", title: { display: true, text: g.sumbu_x } },
            y: { title: { display: true, text: g.sumbu_y } },
          },
        },
      });
      kanvas.dataset.tergambar = "1";
    });
  }

  var tombol = document.getElementById("tombol-nik");
  if (tombol) {
    tombol.addEventListener("click", function () {
      var csrf = document.cookie.match(/csrftoken=([^;]+)/);
      fetch(tombol.dataset.url, {
        method: "POST", headers: { "X-CSRFToken": csrf ? csrf[1] : "" }, credentials: "same-origin",
      }).then(function (r) { return r.json(); }).then(function (d) {
        document.getElementById("nik").textContent = d.nik;
        tombol.remove();
      });
    });
  }
})();
