// The device list: search (id or protocol), a state filter and an order, over thousands of
// devices without slowing down. Only the rows in sight exist (a fixed row height and a spacer the
// height of the whole list); they are reused as the list scrolls. The filter applies to the
// map's markers too.

import { Fleet } from "./fleet.js";

const ROW = 30, OVERSCAN = 8;
// One collator: localeCompare with options builds one per call, which made sorting 2 000 ids take
// most of a second.
const byId = new Intl.Collator(undefined, { numeric: true }).compare;

export class DeviceList {
  constructor(fleet) {
    this.fleet = fleet;
    this.box = document.getElementById("list");
    this.rows = document.getElementById("list-rows");
    this.search = document.getElementById("search");
    this.filter = document.getElementById("filter");
    this.sort = document.getElementById("sort");
    this.shown = [];
    this.pool = [];
    fleet.visible = (device) => this.matches(device, Date.now());
    for (const control of [this.search, this.filter, this.sort]) {
      // New results start at the top: a list scrolled far down would otherwise show none of them.
      control.addEventListener("input", () => { this.box.scrollTop = 0; this.update(); fleet.filter(); });
    }
    this.box.addEventListener("scroll", () => this.render());
    addEventListener("resize", () => this.render());
    fleet.on("change", () => this.scheduleUpdate());
    fleet.on("select", () => this.render());
    setInterval(() => this.update(), 1000);   // ages and states change with the clock
  }

  matches(device, now) {
    const text = this.search.value.trim().toLowerCase();
    if (text && !device.id.toLowerCase().includes(text) && !(device.position?.protocol ?? "").includes(text)) return false;
    return this.filter.value === "all" || Fleet.state(device, now) === this.filter.value;
  }

  scheduleUpdate() {
    // A burst of positions for thousands of devices re-sorts the list at most four times a second.
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = null; this.update(); }, 250);
  }

  update() {
    const now = Date.now();
    this.shown = [...this.fleet.devices.values()].filter((d) => d.position && this.matches(d, now));
    const order = {
      id: (a, b) => byId(a.id, b.id),
      seen: (a, b) => b.position.fix_time_ms - a.position.fix_time_ms,
      speed: (a, b) => b.position.speed_kmh - a.position.speed_kmh,
    }[this.sort.value];
    this.shown.sort(order);
    this.rows.style.height = `${this.shown.length * ROW}px`;
    const total = [...this.fleet.devices.values()].filter((d) => d.position).length;
    document.getElementById("count").textContent =
      this.shown.length === total ? `${total} vehicles` : `${this.shown.length} of ${total} vehicles`;
    this.render();
  }

  /** The rows in sight, from the pool. */
  render() {
    const first = Math.max(0, Math.floor(this.box.scrollTop / ROW) - OVERSCAN);
    const last = Math.min(this.shown.length, Math.ceil((this.box.scrollTop + this.box.clientHeight) / ROW) + OVERSCAN);
    const now = Date.now();
    while (this.pool.length < last - first) this.pool.push(this.makeRow());
    this.pool.forEach((row, i) => {
      const device = this.shown[first + i];
      if (!device) { row.hidden = true; return; }
      row.hidden = false;
      row.style.top = `${(first + i) * ROW}px`;
      row.dataset.device = device.id;
      row.classList.toggle("selected", device.id === this.fleet.selected);
      row.children[0].className = `swatch ${Fleet.state(device, now)}`;
      row.children[1].textContent = device.id;
      row.children[2].textContent = `${Math.round(device.position.speed_kmh)} km/h`;
      row.children[3].textContent = ago(device.position.fix_time_ms, now);
    });
  }

  makeRow() {
    const row = document.createElement("div");
    row.className = "row-device";
    row.setAttribute("role", "option");
    row.innerHTML = `<span class="swatch"></span><span class="name"></span><span class="figure"></span><span class="when"></span>`;
    row.addEventListener("click", () => this.fleet.select(row.dataset.device, { centre: true }));
    this.rows.append(row);
    return row;
  }
}

/** `12s ago`, `5m ago`, `3h ago`. */
export function ago(ms, now = Date.now()) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)}m ago` : s < 86400 ? `${Math.floor(s / 3600)}h ago` : `${Math.floor(s / 86400)}d ago`;
}
