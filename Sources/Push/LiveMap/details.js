// The selected device: speed, heading, last fix, position, fix quality, every attribute, and its
// recent events (those seen live, and with the storage API those stored), with buttons to follow
// it and to play back its history.

import { getJSON } from "./connection.js";
import { Fleet } from "./fleet.js";
import { ago } from "./list.js";

export class Details {
  constructor(fleet, { api, onHistory }) {
    this.fleet = fleet;
    this.api = api;
    this.onHistory = onHistory;
    this.panel = document.getElementById("details");
    this.stored = [];
    this.following = false;
    fleet.on("select", (id) => this.show(id));
    fleet.on("change", () => this.scheduleRender());
  }

  async show(id) {
    this.stored = [];
    this.following = false;
    this.render();
    if (!id || !this.api) return;
    try {
      const answer = await getJSON(`/api/events?device=${encodeURIComponent(id)}&limit=20`);
      if (this.fleet.selected === id) { this.stored = answer.events ?? []; this.render(); }
    } catch {
      // Stored events are extra: the live ones are still shown.
    }
  }

  scheduleRender() {
    if (this.timer || !this.fleet.selected) return;
    this.timer = setTimeout(() => { this.timer = null; this.render(); }, 500);
  }

  render() {
    const device = this.fleet.devices.get(this.fleet.selected);
    this.panel.hidden = !device;
    if (!device?.position) return;
    const p = device.position;
    if (this.following) this.fleet.view.centreOn(p.latitude, p.longitude);
    const rows = [
      ["state", Fleet.state(device)], ["speed", `${p.speed_kmh.toFixed(1)} km/h`], ["course", `${Math.round(p.course_deg)}°`],
      ["last fix", `${p.fix_time} (${ago(p.fix_time_ms)})`], ["position", `${p.latitude.toFixed(6)}, ${p.longitude.toFixed(6)}`],
      ["altitude", `${p.altitude_m} m`], ["satellites / hdop", `${p.satellites} / ${p.hdop}`], ["valid fix", String(p.valid)],
      ["protocol", p.protocol],
      ...Object.entries(p.attributes).map(([name, value]) => [name, String(value)]),
    ];
    const events = mergeEvents(device.events, this.stored);
    this.panel.innerHTML = `<h3><span class="swatch ${Fleet.state(device)}"></span><span class="name"></span></h3>
      <div class="actions"><button data-action="follow">${this.following ? "Stop following" : "Follow"}</button>
      <button data-action="history" ${this.api ? "" : "disabled title='push was started without --api'"}>History…</button>
      <button data-action="close">Close</button></div><table></table><h4>Recent events</h4><ul></ul>`;
    this.panel.querySelector(".name").textContent = device.id;
    const table = this.panel.querySelector("table");
    for (const [name, value] of rows) {
      const row = table.insertRow();
      row.insertCell().textContent = name;
      row.insertCell().textContent = value;
    }
    const list = this.panel.querySelector("ul");
    for (const event of events) {
      const item = document.createElement("li");
      item.innerHTML = `<span class="kind"></span><span class="name"></span><span class="when"></span>`;
      item.children[0].textContent = event.kind;
      item.children[0].classList.add(event.kind);
      item.children[1].textContent = event.geofence_id ?? event.source ?? "";
      item.children[2].textContent = ago(event.time_ms);
      list.append(item);
    }
    if (!events.length) list.innerHTML = "<li>none yet</li>";
    this.panel.querySelector("[data-action=follow]").onclick = () => { this.following = !this.following; this.render(); };
    this.panel.querySelector("[data-action=history]").onclick = () => this.onHistory(device.id);
    this.panel.querySelector("[data-action=close]").onclick = () => this.fleet.select(null);
  }
}

/** Live and stored events together, newest first, each once. */
function mergeEvents(live, stored) {
  const byId = new Map();
  for (const event of [...live, ...stored]) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => b.time_ms - a.time_ms).slice(0, 20);
}
