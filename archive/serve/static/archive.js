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

/* The offline map (archive serve --tiles none, the default): the countries of Natural Earth
   (countries-110m.json, TopoJSON) drawn under the markers of every Leaflet map, instead of
   tiles from the internet. Leaflet is loaded later by the cluster map; the moment it sets
   window.L, its maps get an init hook that adds the outlines. */
(() => {
  const offline = () =>
    String(window.DATASETTE_CLUSTER_MAP_TILE_LAYER || "").endsWith("/blank-tile.png");
  let countries = null; // a promise of GeoJSON features, fetched once

  const decode = (topology, object) => {
    const [sx, sy] = topology.transform.scale;
    const [tx, ty] = topology.transform.translate;
    const arcs = topology.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => [(x += dx) * sx + tx, (y += dy) * sy + ty]);
    });
    const ring = (indexes) => {
      const points = [];
      indexes.forEach((i) => {
        const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        arc.forEach((p, k) => { if (k > 0 || points.length === 0) points.push(p); });
      });
      // a ring across the antimeridian (Russia, Fiji) goes on past 180 instead of back round
      for (let k = 1; k < points.length; k++) {
        let [x, y] = points[k];
        while (x - points[k - 1][0] > 180) x -= 360;
        while (x - points[k - 1][0] < -180) x += 360;
        points[k] = [x, y];
      }
      return points;
    };
    const polygon = (rings) => rings.map(ring);
    // Antarctica's ring runs round the pole: left out (nothing in the news is there)
    const drawn = object.geometries.filter((g) => g.arcs && g.properties.name !== "Antarctica");
    return drawn.map((g) => ({
      type: "Feature",
      properties: g.properties || {},
      geometry: g.type === "Polygon"
        ? { type: "Polygon", coordinates: polygon(g.arcs) }
        : { type: "MultiPolygon", coordinates: g.arcs.map(polygon) },
    }));
  };

  const addCountries = (map) => {
    countries = countries || fetch("/-/archive/countries-110m.json")
      .then((r) => r.json())
      .then((topology) => decode(topology, topology.objects.countries));
    countries.then((features) => {
      window.L.geoJSON(features, {
        interactive: false,
        style: { color: "#9aa3ad", weight: 0.7, fillColor: "#fbfaf5", fillOpacity: 1 },
      }).addTo(map);
      map.getContainer().classList.add("archive-offline-map");
    });
  };

  let leaflet;
  Object.defineProperty(window, "L", {
    configurable: true,
    get: () => leaflet,
    set: (value) => {
      leaflet = value;
      if (value && value.Map && !value.Map._archiveHook) {
        value.Map._archiveHook = true;
        value.Map.addInitHook(function () { if (offline()) addCountries(this); });
      }
    },
  });
})();
