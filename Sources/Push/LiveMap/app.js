// The live map (docs/push.md): wires the parts together. What push says about itself comes from
// /config.json; positions and events from the /ws stream; fences, history and stored events from
// /api (forwarded to the storage API when push has --api). The address may name a device and a
// range to open at once: ?device=ID&from=ISO&to=ISO&play.

import { initToken, getJSON, openStream } from "./connection.js";
import { View } from "./view.js";
import { Background } from "./background.js";
import { Fleet, TAIL } from "./fleet.js";
import { Fences } from "./fences.js";
import { DeviceList } from "./list.js";
import { Details } from "./details.js";
import { History } from "./history.js";
import { Feed } from "./feed.js";

async function main() {
  initToken();
  const config = await getJSON("/config.json");
  const view = new View(document.getElementById("map"));
  new Background(view, config.tile_url);
  const fleet = new Fleet(view);
  new DeviceList(fleet);
  const history = new History(view);
  new Details(fleet, { api: config.api, onHistory: (device) => history.open(device) });
  const feed = new Feed(fleet);
  const fences = new Fences(view);
  const status = document.getElementById("status");

  fleet.on("select", (id, options) => {
    const p = fleet.devices.get(id)?.position;
    if (p && options.centre) view.centreOn(p.latitude, p.longitude);
  });
  document.getElementById("fit").onclick = () => view.fit(fleet.points);

  let fitted = false;
  openStream({
    tail: TAIL,
    onState: (state) => { status.dataset.state = state; status.textContent = state === "live" ? "live" : "reconnecting…"; },
    onMessage: (message) => {
      if (message.type === "position") {
        fleet.position(message);
        // Fit once the first burst (every device's tail) is in.
        if (!fitted) { fitted = true; setTimeout(() => view.fit(fleet.points), 500); }
      } else if (message.type === "event") {
        fleet.event(message);
        feed.add(message);
      }
    },
  });

  if (config.api) {
    const loadFences = () => fences.load().catch((error) => console.warn("fences:", error.message));
    loadFences();
    setInterval(loadFences, 60_000);
  }
  openFromAddress(fleet, history, config.api);
}

/** ?device=ID selects it; with &from= and &to= (and the API) its history loads, &play plays it. */
function openFromAddress(fleet, history, api) {
  const query = new URLSearchParams(location.search);
  const device = query.get("device");
  if (!device) return;
  const select = () => (fleet.devices.get(device)?.position ? fleet.select(device, { centre: true }) : setTimeout(select, 250));
  select();
  if (!api || !query.get("from")) return;
  history.open(device, Date.parse(query.get("from")), Date.parse(query.get("to") ?? new Date().toISOString()));
  history.load().then(() => { if (query.has("play")) history.play(); });
}

main().catch((error) => {
  const status = document.getElementById("status");
  status.dataset.state = "failed";
  status.textContent = `cannot start: ${error.message}`;
});
