// The fleet: one record per device from the stream's positions (the one position JSON,
// docs/schemas/position.schema.json), drawn as a marker (`data-device`) with its heading and a
// tail of its last positions (`data-track`). Only devices that changed are redrawn, once per
// frame; a view change moves every marker.

import { localPoints, svg } from "./view.js";

export const TAIL = 30;
const STALE_MS = 10 * 60 * 1000;
const MOVING_KMH = 2;

export class Fleet {
  constructor(view) {
    this.view = view;
    this.devices = new Map();
    this.dirty = new Set();
    this.selected = null;
    this.visible = () => true;   // the list's filter, applied to the markers too
    this.listeners = { select: [], change: [] };
    view.onChange(() => { for (const id of this.devices.keys()) this.dirty.add(id); this.flush(); });
  }

  on(kind, listener) { this.listeners[kind].push(listener); }

  /** A position message from the stream. */
  position(message) {
    const p = message.data;
    let device = this.devices.get(message.device);
    if (!device) {
      device = { id: message.device, points: [], events: [], alarm: false };
      this.devices.set(device.id, device);
    }
    if (p.fix_time_ms < (device.position?.fix_time_ms ?? 0)) return;  // an older fix: keep the newer one
    device.position = p;
    device.points.push([p.latitude, p.longitude]);
    if (device.points.length > TAIL) device.points.shift();
    if (typeof p.attributes.alarm === "string") device.alarm = true;
    this.touch(device.id);
  }

  /** An event message: kept with its device (details, alarm state). */
  event(message) {
    const device = this.devices.get(message.device);
    if (!device) return;
    device.events.unshift(message.data);
    device.events.length = Math.min(device.events.length, 20);
    if (message.kind === "alarm") device.alarm = true;
    this.touch(device.id);
  }

  touch(id) {
    this.dirty.add(id);
    if (!this.scheduled) {
      this.scheduled = true;
      requestAnimationFrame(() => { this.scheduled = false; this.flush(); });
    }
  }

  /** What a device is doing now: moving, stopped, stale (no fix for 10 min) or alarm. */
  static state(device, now = Date.now()) {
    if (device.alarm) return "alarm";
    if (!device.position || now - device.position.fix_time_ms > STALE_MS) return "stale";
    return device.position.speed_kmh > MOVING_KMH ? "moving" : "stopped";
  }

  flush() {
    const now = Date.now();
    for (const id of this.dirty) this.draw(this.devices.get(id), now);
    const changed = this.dirty.size > 0;
    this.dirty.clear();
    if (changed) for (const listener of this.listeners.change) listener();
  }

  draw(device, now) {
    if (!device?.position) return;
    if (!device.marker) this.create(device);
    const p = device.position;
    const [x, y] = this.view.screenOf(p.latitude, p.longitude);
    const state = Fleet.state(device, now);
    const hidden = !this.visible(device);
    device.marker.setAttribute("class", `vehicle ${state}${device.id === this.selected ? " selected" : ""}${hidden ? " hidden" : ""}`);
    device.marker.setAttribute("transform", `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
    device.arrow.setAttribute("transform", `rotate(${p.course_deg ?? 0})`);
    device.arrow.style.display = state === "moving" ? "" : "none";
    device.label.style.display = device.id === this.selected || this.devices.size <= 12 ? "" : "none";
    device.tail.setAttribute("points", localPoints(this.view, device.points));
    device.tail.style.display = hidden ? "none" : "";
  }

  create(device) {
    device.marker = svg("g", { "data-device": device.id });
    device.arrow = svg("path", { class: "arrow", d: "M0,-13 L4,-7 L-4,-7 Z" });
    device.marker.append(device.arrow, svg("circle", { r: 6 }));
    device.label = svg("text", { x: 10, y: 4 });
    device.label.textContent = device.id;
    device.marker.append(device.label);
    device.marker.addEventListener("click", (e) => { e.stopPropagation(); this.select(device.id); });
    document.getElementById("markers").append(device.marker);
    device.tail = svg("polyline", { "data-track": device.id, stroke: colour(device.id) });
    document.getElementById("tails").append(device.tail);
  }

  /** Selects a device (null: none); `options.centre` also moves the map to it. */
  select(id, options = {}) {
    const previous = this.selected;
    this.selected = id;
    for (const changed of [previous, id]) if (changed) this.dirty.add(changed);
    this.flush();
    for (const listener of this.listeners.select) listener(id, options);
  }

  /** Every device's last point, for fitting the view. */
  get points() { return [...this.devices.values()].filter((d) => d.position).map((d) => [d.position.latitude, d.position.longitude]); }

  /** Shows only the markers and tails the list's search and filter let through; nothing else is
   * redrawn, so a search over thousands of vehicles answers at once. */
  filter() {
    for (const device of this.devices.values()) {
      if (!device.marker) continue;
      const hidden = !this.visible(device);
      device.marker.classList.toggle("hidden", hidden);
      device.tail.style.display = hidden ? "none" : "";
    }
  }
}

export function colour(id) {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${Math.round(h * 137.508) % 360},70%,60%)`;
}
