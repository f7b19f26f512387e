// The claim filter of the home page: narrows the table to the claims that match every
// chosen therapy, measure, context and source. Without JavaScript the form stays hidden
// and the table lists every claim.
"use strict";
(function () {
  const form = document.getElementById("claim-filter");
  const table = document.getElementById("claims");
  if (!form || !table) {
    return;
  }
  const rows = Array.from(table.tBodies[0].rows);
  const count = document.getElementById("claim-count");
  const facets = ["therapy", "measure", "context", "source"];

  function matches(row) {
    return facets.every(function (facet) {
      const wanted = form.elements[facet].value;
      return !wanted || row.dataset[facet].split(" ").indexOf(wanted) >= 0;
    });
  }

  function apply() {
    let shown = 0;
    for (const row of rows) {
      const ok = matches(row);
      row.hidden = !ok;
      shown += ok ? 1 : 0;
    }
    count.textContent = shown + " of " + rows.length + " claims";
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());
