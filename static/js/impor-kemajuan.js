// The import page while the background job runs: poll its status, move the bar, reload
// the page when it is done.
(function () {
  "use strict";
  const kotak = document.getElementById("kemajuan");
  if (!kotak) return;
  const bar = kotak.querySelector(".progress-bar");
  async function tanya() {
    const r = await fetch(kotak.dataset.url, {headers: {"Accept": "application/json"}});
    if (!r.ok) return setTimeout(tanya, 3000);
    const d = await r.json();
    bar.style.width = d.persen + "%"; bar.textContent = d.persen + "%";
    kotak.querySelector(".progress").setAttribute("aria-valuenow", d.persen);
    document.getElementById("tahap").textContent = d.tahap + (d.jumlah ? " (" + d.diproses + "/" + d.jumlah + ")" : "");
    if (d.berjalan) setTimeout(tanya, 1000); else window.location.reload();
  }
  setTimeout(tanya, 1000);
})();
