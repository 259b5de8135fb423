/* The archive's touches on Datasette's table pages: the column descriptions folded away, and
   the places map right under the title (datasette-cluster-map fills #archive-map). Runs on
   DOMContentLoaded before the cluster map's own handler (a module, registered later). */
document.addEventListener("DOMContentLoaded", () => {
  const columns = document.querySelector("dl.column-descriptions");
  if (columns) {
    const details = document.createElement("details");
    details.className = "column-descriptions";
    const summary = document.createElement("summary");
    summary.textContent = "What the columns mean";
    columns.parentNode.insertBefore(details, columns);
    details.appendChild(summary);
    details.appendChild(columns);
  }
  if (window.DATASETTE_CLUSTER_MAP_LATITUDE_COLUMN && !document.getElementById("archive-map")) {
    const map = document.createElement("div");
    map.id = "archive-map";
    const anchor = document.querySelector("details.column-descriptions")
      || document.querySelector(".metadata-description") || document.querySelector("h1");
    if (anchor) anchor.parentNode.insertBefore(map, anchor.nextSibling);
  }
});
