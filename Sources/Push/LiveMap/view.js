// The map's view: Web Mercator, pan by dragging, zoom with the wheel or the buttons, fit to a set
// of points. Geometry that only moves with the view (the world outline, fences, tracks) is drawn
// once in "local" units inside #local, whose transform alone changes on pan and zoom; markers and
// labels are placed in screen pixels by their layers on every change (listeners get `redraw`).

const LOCAL = 2 ** 20;           // local units per world width: small numbers near the origin
const EARTH_M = 40_075_016.686;  // the equator's length, metres
const MIN_SCALE = 256, MAX_SCALE = 256 * 2 ** 20;

/** Web Mercator: longitude/latitude in degrees to the world square [0,1]². */
export function project(lat, lon) {
  const s = Math.sin(Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/** The inverse of `project`. */
export function unproject(x, y) {
  return [Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180 / Math.PI, x * 360 - 180];
}

export class View {
  constructor(element) {
    this.element = element;
    // Local units count from the world's centre: 2^19 at most, which even single-precision
    // SVG coordinates hold to about a metre.
    this.origin = [0.5, 0.5];
    this.cx = 0.5; this.cy = 0.5; this.scale = 1024;  // centre (world) and pixels per world width
    this.listeners = [];
    this.local = document.getElementById("local");
    this.installGestures();
    addEventListener("resize", () => this.changed());
  }

  get width() { return this.element.clientWidth || 800; }
  get height() { return this.element.clientHeight || 600; }

  /** Local units of a point: what #local's children are drawn in. */
  toLocal(lat, lon) {
    const [x, y] = project(lat, lon);
    return [(x - this.origin[0]) * LOCAL, (y - this.origin[1]) * LOCAL];
  }

  /** Screen pixels of a world point. */
  toScreen(x, y) { return [this.width / 2 + (x - this.cx) * this.scale, this.height / 2 + (y - this.cy) * this.scale]; }

  /** Screen pixels of a point in degrees. */
  screenOf(lat, lon) { return this.toScreen(...project(lat, lon)); }

  /** Metres per screen pixel at the view's centre. */
  get metresPerPixel() { return EARTH_M * Math.cos(unproject(this.cx, this.cy)[0] * Math.PI / 180) / this.scale; }

  /** The visible box in world units: [left, top, right, bottom]. */
  get bounds() {
    const w = this.width / 2 / this.scale, h = this.height / 2 / this.scale;
    return [this.cx - w, this.cy - h, this.cx + w, this.cy + h];
  }

  onChange(listener) { this.listeners.push(listener); }

  changed() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      const s = this.scale / LOCAL, [tx, ty] = this.toScreen(...this.origin);
      this.local.setAttribute("transform", `matrix(${s} 0 0 ${s} ${tx} ${ty})`);
      for (const listener of this.listeners) listener(this);
    });
  }

  centreOn(lat, lon) { [this.cx, this.cy] = project(lat, lon); this.changed(); }

  /** Shows every point ([lat, lon] pairs) with a margin; at most street level. */
  fit(points) {
    if (!points.length) return;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lat, lon] of points) {
      const [x, y] = project(lat, lon);
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    this.cx = (minX + maxX) / 2; this.cy = (minY + maxY) / 2;
    const span = Math.max((maxX - minX) / this.width, (maxY - minY) / this.height, 1e-9);
    this.scale = Math.max(MIN_SCALE, Math.min(256 * 2 ** 17, 0.8 / span));
    this.changed();
  }

  zoom(factor, atX = this.width / 2, atY = this.height / 2) {
    const scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, this.scale * factor));
    // Keep the world point under (atX, atY) where it is.
    const wx = this.cx + (atX - this.width / 2) / this.scale, wy = this.cy + (atY - this.height / 2) / this.scale;
    this.cx = wx - (atX - this.width / 2) / scale; this.cy = wy - (atY - this.height / 2) / scale;
    this.scale = scale;
    this.changed();
  }

  installGestures() {
    let drag = null;
    this.element.addEventListener("pointerdown", (e) => {
      if (e.target.closest(".vehicle, #history, #zoom, button, input, select")) return;
      drag = { x: e.clientX, y: e.clientY, cx: this.cx, cy: this.cy };
      this.element.classList.add("dragging");
      this.element.setPointerCapture(e.pointerId);
    });
    this.element.addEventListener("pointermove", (e) => {
      if (!drag) return;
      this.cx = drag.cx - (e.clientX - drag.x) / this.scale; this.cy = drag.cy - (e.clientY - drag.y) / this.scale;
      this.changed();
    });
    const end = () => { drag = null; this.element.classList.remove("dragging"); };
    this.element.addEventListener("pointerup", end);
    this.element.addEventListener("pointercancel", end);
    this.element.addEventListener("wheel", (e) => {
      e.preventDefault();
      const box = this.element.getBoundingClientRect();
      this.zoom(Math.exp(-e.deltaY / 300), e.clientX - box.left, e.clientY - box.top);
    }, { passive: false });
    document.getElementById("zoom-in").onclick = () => this.zoom(2);
    document.getElementById("zoom-out").onclick = () => this.zoom(0.5);
  }
}

/** A polyline's `points` attribute in local units for [lat, lon] pairs. */
export function localPoints(view, points) {
  return points.map(([lat, lon]) => view.toLocal(lat, lon).map((v) => v.toFixed(2)).join(",")).join(" ");
}

export const SVG_NS = "http://www.w3.org/2000/svg";

export function svg(name, attributes = {}) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}
