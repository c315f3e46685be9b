/* Dashboard charts: stunting by area (bars) and the monthly trend (lines). */
(function () {
  "use strict";
  var pesan = window.TPPS.pesan;  // the page's texts (tpps.js)
  var sumber = document.getElementById("data-dasbor");
  if (!sumber || !window.Chart) { return; }
  var data = JSON.parse(sumber.textContent);
  var wilayah = document.getElementById("grafik-wilayah");
  if (wilayah) {
    new window.Chart(wilayah, {
      type: "bar",
      data: {
        labels: data.wilayah.map(function (w) { return w.nama; }),
        datasets: [{ label: pesan("grafik_stunting"), data: data.wilayah.map(function (w) { return w.stunting; }),
                     backgroundColor: "#fd7e14" }],
      },
      options: { animation: false, indexAxis: "y", plugins: { legend: { display: false } },
                 scales: { x: { beginAtZero: true, title: { display: true, text: "%" } } } },
    });
    wilayah.dataset.tergambar = "1";
  }
  var tren = document.getElementById("grafik-tren");
  if (tren) {
    new window.Chart(tren, {
      type: "line",
      data: {
        labels: data.tren.map(function (t) { return t.bulan; }),
        datasets: [
          { label: pesan("grafik_stunting"), data: data.tren.map(function (t) { return t.stunting; }),
            borderColor: "#dc3545", spanGaps: true },
          { label: pesan("grafik_wasting"), data: data.tren.map(function (t) { return t.wasting; }),
            borderColor: "#0d6efd", spanGaps: true },
        ],
      },
      options: { animation: false, scales: { y: { beginAtZero: true } } },
    });
    tren.dataset.tergambar = "1";
  }
})();
