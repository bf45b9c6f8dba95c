// The event feed: every event as it arrives (`data-event`), newest first, the last 200; a click
// selects its device.

import { ago } from "./list.js";

const KEEP = 200;

export class Feed {
  constructor(fleet) {
    this.fleet = fleet;
    this.list = document.getElementById("feed");
    setInterval(() => this.refreshTimes(), 5000);
  }

  add(message) {
    const event = message.data;
    const item = document.createElement("li");
    item.dataset.event = event.id;
    item.dataset.device = message.device;
    item.dataset.time = String(event.time_ms);
    item.innerHTML = `<span class="kind"></span><span class="name"></span><span class="when"></span>`;
    item.children[0].textContent = message.kind;
    item.children[0].classList.add(message.kind);
    item.children[1].textContent = message.device + (event.geofence_id ? ` · ${event.geofence_id}` : "");
    item.children[2].textContent = ago(event.time_ms);
    item.addEventListener("click", () => this.fleet.select(message.device, { centre: true }));
    this.list.prepend(item);
    while (this.list.children.length > KEEP) this.list.lastChild.remove();
  }

  refreshTimes() {
    for (const item of this.list.children) item.children[2].textContent = ago(Number(item.dataset.time));
  }
}
