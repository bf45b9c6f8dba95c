// The geofences from the storage API (push's /api/geofences, a GeoJSON FeatureCollection), drawn
// under the fleet: polygons with their holes, circles (Point + radius_m) and corridors
// (LineString + width_m, drawn as wide as they are), each a `data-fence` element with its name.

import { getJSON } from "./connection.js";
import { localPoints, svg, unproject, project } from "./view.js";

const EARTH_M = 40_075_016.686, LOCAL = 2 ** 20;

export class Fences {
  constructor(view) {
    this.view = view;
    this.labels = [];
    view.onChange(() => this.placeLabels());
  }

  /** Loads and draws every fence; throws the API's message when it cannot. */
  async load() {
    const collection = await getJSON("/api/geofences");
    const group = document.getElementById("fences");
    group.replaceChildren();
    this.labels = [];
    for (const feature of collection.features ?? []) {
      const element = this.shape(feature);
      if (!element) continue;
      element.setAttribute("data-fence", feature.id);
      const title = svg("title");
      title.textContent = feature.properties?.name ?? feature.id;
      element.append(title);
      group.append(element);
      this.labels.push({ text: title.textContent, at: anchor(feature.geometry) });
    }
    this.view.changed();
    return this.labels.length;
  }

  shape(feature) {
    const { geometry, properties = {} } = feature;
    switch (geometry?.type) {
      case "Polygon": return this.path([geometry.coordinates]);
      case "MultiPolygon": return this.path(geometry.coordinates);
      case "Point": return properties.radius_m > 0 ? this.path([[circle(geometry.coordinates, properties.radius_m)]]) : null;
      case "LineString": {
        const [, lat] = geometry.coordinates[0];
        // Local units per metre at the corridor's latitude: it is drawn at its real width.
        const perMetre = LOCAL / (EARTH_M * Math.cos(lat * Math.PI / 180));
        return svg("polyline", {
          class: "fence corridor", "stroke-width": ((properties.width_m ?? 10) * perMetre).toFixed(3),
          points: localPoints(this.view, geometry.coordinates.map(([lon, lat]) => [lat, lon])),
        });
      }
      default: return null;
    }
  }

  path(polygons) {
    const d = polygons.flatMap((rings) => rings.map((ring) =>
      "M" + localPoints(this.view, ring.map(([lon, lat]) => [lat, lon])).replaceAll(" ", "L") + "Z")).join("");
    return svg("path", { class: "fence", d });
  }

  placeLabels() {
    const group = document.getElementById("fence-labels");
    group.replaceChildren();
    for (const { text, at } of this.labels) {
      const [x, y] = this.view.screenOf(...at);
      const label = svg("text", { x: x.toFixed(0), y: y.toFixed(0), "text-anchor": "middle" });
      label.textContent = text;
      group.append(label);
    }
  }
}

/** A geodesic-enough circle: 64 points `metres` from the centre ([lon, lat]). */
function circle([lon, lat], metres) {
  const [cx, cy] = project(lat, lon);
  const r = metres / (EARTH_M * Math.cos(lat * Math.PI / 180));   // in world units, Mercator-scaled
  return Array.from({ length: 65 }, (_, i) => {
    const a = (i / 64) * 2 * Math.PI;
    const [plat, plon] = unproject(cx + r * Math.cos(a), cy + r * Math.sin(a));
    return [plon, plat];
  });
}

/** Where a fence's name goes: the middle of its bounding box ([lat, lon]). */
function anchor(geometry) {
  const all = [];
  const walk = (value) => (typeof value[0] === "number" ? all.push(value) : value.forEach(walk));
  walk(geometry.coordinates);
  const lons = all.map((p) => p[0]), lats = all.map((p) => p[1]);
  return [(Math.min(...lats) + Math.max(...lats)) / 2, (Math.min(...lons) + Math.max(...lons)) / 2];
}
