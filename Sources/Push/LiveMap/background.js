// What is under the fleet: raster tiles only when push has --tile-url (nothing is fetched from
// elsewhere otherwise), and always a background that works offline: the embedded world outline
// (Natural Earth 1:110m coastlines and borders), a graticule with degree labels, and a scale bar.

import { WORLD_RINGS } from "./world.js";
import { unproject, svg } from "./view.js";

const GRID_STEPS = [30, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001];

export class Background {
  constructor(view, tileURL) {
    this.view = view;
    this.tileURL = tileURL;
    this.drawWorld();
    view.onChange(() => this.redraw());
  }

  /** The outline, once, in local units (the view moves it). */
  drawWorld() {
    const parts = [];
    for (const ring of WORLD_RINGS) {
      let lon = ring[0], lat = ring[1];
      const points = [this.view.toLocal(lat / 10, lon / 10)];
      for (let i = 2; i < ring.length; i += 2) {
        lon += ring[i]; lat += ring[i + 1];
        points.push(this.view.toLocal(lat / 10, lon / 10));
      }
      parts.push("M" + points.map(([x, y]) => `${x.toFixed(0)},${y.toFixed(0)}`).join("L") + "Z");
    }
    document.getElementById("world").append(svg("path", { d: parts.join("") }));
  }

  redraw() {
    this.drawTiles();
    this.drawGraticule();
    this.drawScale();
  }

  drawGraticule() {
    const group = document.getElementById("graticule");
    group.replaceChildren();
    const [left, top, right, bottom] = this.view.bounds;
    const [north, west] = unproject(left, Math.max(0, top)), [south, east] = unproject(right, Math.min(1, bottom));
    const span = Math.max(east - west, 1e-6);
    const step = GRID_STEPS.find((s) => span / s >= 4) ?? GRID_STEPS.at(-1);
    const digits = Math.max(0, -Math.floor(Math.log10(step)));
    const { width, height } = this.view;
    for (let lon = Math.ceil(west / step) * step; lon <= east; lon += step) {
      const [x] = this.view.screenOf(0, lon);
      group.append(svg("line", { x1: x, y1: 0, x2: x, y2: height }));
      group.append(label(`${Math.abs(lon).toFixed(digits)}°${lon < 0 ? "W" : "E"}`, x + 3, height - 4));
    }
    for (let lat = Math.ceil(south / step) * step; lat <= north; lat += step) {
      const [, y] = this.view.screenOf(lat, 0);
      group.append(svg("line", { x1: 0, y1: y, x2: width, y2: y }));
      group.append(label(`${Math.abs(lat).toFixed(digits)}°${lat < 0 ? "S" : "N"}`, 4, y - 3));
    }
  }

  /** A bar of a round length (1, 2 or 5 × 10ⁿ m) at most 120 px long. */
  drawScale() {
    const perPixel = this.view.metresPerPixel;
    const longest = perPixel * 120;
    const magnitude = 10 ** Math.floor(Math.log10(longest));
    const metres = [5, 2, 1].map((m) => m * magnitude).find((m) => m <= longest) ?? magnitude;
    document.getElementById("scale-bar").style.width = `${(metres / perPixel).toFixed(0)}px`;
    document.getElementById("scale-label").textContent = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  }

  drawTiles() {
    if (!this.tileURL) return;
    const group = document.getElementById("tiles");
    group.replaceChildren();
    const zoom = Math.max(0, Math.min(19, Math.round(Math.log2(this.view.scale / 256))));
    const n = 2 ** zoom, size = this.view.scale / n;
    const [left, top, right, bottom] = this.view.bounds;
    for (let tx = Math.floor(left * n); tx <= Math.floor(right * n); tx++) {
      for (let ty = Math.max(0, Math.floor(top * n)); ty <= Math.min(n - 1, Math.floor(bottom * n)); ty++) {
        const [x, y] = this.view.toScreen(tx / n, ty / n);
        const href = this.tileURL.replace("{z}", zoom).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
        group.append(svg("image", { href, x, y, width: size + 0.5, height: size + 0.5 }));
      }
    }
  }
}

function label(text, x, y) {
  const element = svg("text", { x, y });
  element.textContent = text;
  return element;
}

