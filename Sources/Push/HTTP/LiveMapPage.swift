import TrackwireProtocol

/// The live map served at `/`: one self-contained HTML page (inline CSS and JS, no CDN). It opens
/// `/ws`, draws every vehicle on an SVG in Web Mercator with a short track tail, fits the view to
/// the fleet, lists devices with their last-seen time and shows events as they arrive. Raster tiles
/// are drawn under the vehicles only when push was started with `--tile-url`.
enum LiveMapPage {
    /// The page with the tile URL filled in (`""`: no tiles).
    static func html(tileURL: String) -> String {
        template.replacingOccurrences(of: "__TILE_URL__", with: JSONString.quoted(tileURL))
    }

    private static let template = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Trackwire live map</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  :root { --bg:#0f1720; --panel:#17212b; --line:#263442; --text:#d8e1ea; --dim:#7d8fa1; --accent:#4fb3ff; }
  * { box-sizing: border-box; }
  body { margin:0; font:13px/1.4 system-ui, sans-serif; background:var(--bg); color:var(--text); height:100vh; display:flex; flex-direction:column; }
  header { padding:8px 14px; border-bottom:1px solid var(--line); display:flex; gap:16px; align-items:center; }
  header h1 { font-size:15px; margin:0; font-weight:600; }
  #status { color:var(--dim); }
  #status.live { color:#5fd38d; }
  main { flex:1; display:flex; min-height:0; }
  #map { flex:1; position:relative; background:#0b1218; }
  #map svg { position:absolute; inset:0; width:100%; height:100%; }
  aside { width:340px; background:var(--panel); border-left:1px solid var(--line); display:flex; flex-direction:column; min-height:0; }
  aside h2 { font-size:12px; text-transform:uppercase; letter-spacing:.06em; color:var(--dim); margin:10px 12px 6px; }
  #devices, #events { list-style:none; margin:0; padding:0 8px; overflow:auto; }
  #devices { max-height:45%; }
  #events { flex:1; }
  #devices li, #events li { padding:4px 6px; border-bottom:1px solid var(--line); display:flex; gap:8px; align-items:center; }
  .swatch { width:10px; height:10px; border-radius:50%; flex:none; }
  .name { flex:1; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
  .seen, .when { color:var(--dim); font-variant-numeric:tabular-nums; }
  .kind { color:var(--accent); font-weight:600; }
  .label { font-size:11px; fill:var(--text); paint-order:stroke; stroke:#0b1218; stroke-width:3px; }
  .grid { stroke:#1a2733; stroke-width:1; }
</style>
</head>
<body>
<header><h1>Trackwire live map</h1><span id="status">connecting…</span><span id="count"></span></header>
<main>
  <div id="map"><svg id="svg" xmlns="http://www.w3.org/2000/svg"><g id="tiles"></g><g id="grid"></g><g id="tails"></g><g id="markers"></g></svg></div>
  <aside>
    <h2>Devices</h2><ul id="devices"></ul>
    <h2>Events</h2><ul id="events"></ul>
  </aside>
</main>
<script>
"use strict";
const TILE_URL = __TILE_URL__;
const TAIL = 30, MAX_EVENTS = 200;
const devices = new Map();   // id -> {points:[[lat,lon]], lastSeen, color, speed}
const offsets = {};          // id -> last offset, for resuming after a reconnect
let epoch = null, redrawPending = false;
const $ = (id) => document.getElementById(id);
const NS = "http://www.w3.org/2000/svg";

function colorFor(id) { let h = 0; for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0; return `hsl(${Math.round(h * 137.508) % 360},75%,60%)`; }
function project(lat, lon) {           // Web Mercator, world = [0,1] x [0,1]
  const s = Math.sin(Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}
function ago(ms) {
  if (!ms) return "–";
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)}m ago` : `${Math.floor(s / 3600)}h ago`;
}

function onPosition(m) {
  const p = m.data, lat = p.latitude || 0, lon = p.longitude || 0;
  let d = devices.get(m.device);
  if (!d) { d = { points: [], color: colorFor(m.device) }; devices.set(m.device, d); }
  d.points.push([lat, lon]);
  if (d.points.length > TAIL) d.points.shift();
  d.lastSeen = m.time_ms || Date.now();
  d.speed = p.speed_kmh || 0;
  scheduleRedraw();
}
function onEvent(m) {
  const li = document.createElement("li");
  li.innerHTML = `<span class="kind"></span><span class="name"></span><span class="when"></span>`;
  li.children[0].textContent = m.kind;
  li.children[1].textContent = m.device + (m.data && m.data.geofence_id ? ` · ${m.data.geofence_id}` : "");
  li.children[2].textContent = new Date(m.time_ms || Date.now()).toLocaleTimeString();
  $("events").prepend(li);
  while ($("events").children.length > MAX_EVENTS) $("events").lastChild.remove();
}

function scheduleRedraw() { if (!redrawPending) { redrawPending = true; requestAnimationFrame(redraw); } }
function view() {
  const box = $("map").getBoundingClientRect(), w = box.width || 800, h = box.height || 600;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const d of devices.values()) for (const [lat, lon] of d.points) {
    const [x, y] = project(lat, lon);
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  if (!isFinite(minX)) { minX = 0; maxX = 1; minY = 0; maxY = 1; }
  const spanX = Math.max(maxX - minX, 2e-6), spanY = Math.max(maxY - minY, 2e-6);
  const scale = Math.min(w / (spanX * 1.25), h / (spanY * 1.25));
  const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
  return { w, h, scale, toScreen: (x, y) => [w / 2 + (x - cx) * scale, h / 2 + (y - cy) * scale], cx, cy };
}
function redraw() {
  redrawPending = false;
  const v = view();
  drawTiles(v);
  drawGrid(v);
  const tails = $("tails"), markers = $("markers");
  tails.replaceChildren(); markers.replaceChildren();
  for (const [id, d] of devices) {
    const pts = d.points.map(([lat, lon]) => v.toScreen(...project(lat, lon)));
    const tail = document.createElementNS(NS, "polyline");
    tail.setAttribute("points", pts.map(p => p.join(",")).join(" "));
    tail.setAttribute("fill", "none"); tail.setAttribute("stroke", d.color);
    tail.setAttribute("stroke-width", "2"); tail.setAttribute("stroke-opacity", "0.55");
    tails.append(tail);
    const [x, y] = pts[pts.length - 1];
    const g = document.createElementNS(NS, "g");
    g.setAttribute("class", "vehicle"); g.setAttribute("data-device", id);
    g.innerHTML = `<circle cx="${x}" cy="${y}" r="7" fill="${d.color}" stroke="#fff" stroke-width="2"></circle>` +
                  `<text class="label" x="${x + 10}" y="${y + 4}"></text>`;
    g.lastChild.textContent = id;
    markers.append(g);
  }
  renderList();
}
function drawGrid(v) {
  const g = $("grid"); g.replaceChildren();
  const step = Math.pow(10, Math.floor(Math.log10(v.w / v.scale)) - 1) || 0.1;
  const line = (x1, y1, x2, y2) => {
    const l = document.createElementNS(NS, "line");
    l.setAttribute("class", "grid"); l.setAttribute("x1", x1); l.setAttribute("y1", y1); l.setAttribute("x2", x2); l.setAttribute("y2", y2);
    g.append(l);
  };
  const left = v.cx - v.w / 2 / v.scale, top = v.cy - v.h / 2 / v.scale;
  for (let x = Math.ceil(left / step) * step; x < left + v.w / v.scale; x += step) { const sx = (x - left) * v.scale; line(sx, 0, sx, v.h); }
  for (let y = Math.ceil(top / step) * step; y < top + v.h / v.scale; y += step) { const sy = (y - top) * v.scale; line(0, sy, v.w, sy); }
}
function drawTiles(v) {
  const g = $("tiles");
  if (!TILE_URL) return;
  g.replaceChildren();
  const z = Math.max(0, Math.min(19, Math.round(Math.log2(v.scale / 256))));
  const n = 1 << z, size = v.scale / n;
  const [x0, y0] = [v.cx - v.w / 2 / v.scale, v.cy - v.h / 2 / v.scale];
  for (let tx = Math.floor(x0 * n); tx <= Math.floor((x0 + v.w / v.scale) * n); tx++)
    for (let ty = Math.max(0, Math.floor(y0 * n)); ty <= Math.min(n - 1, Math.floor((y0 + v.h / v.scale) * n)); ty++) {
      const img = document.createElementNS(NS, "image");
      const [sx, sy] = v.toScreen(tx / n, ty / n);
      img.setAttribute("href", TILE_URL.replace("{z}", z).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty));
      img.setAttribute("x", sx); img.setAttribute("y", sy); img.setAttribute("width", size + 0.5); img.setAttribute("height", size + 0.5);
      g.append(img);
    }
}
function renderList() {
  const ul = $("devices"); ul.replaceChildren();
  const sorted = [...devices.entries()].sort((a, b) => (b[1].lastSeen || 0) - (a[1].lastSeen || 0));
  for (const [id, d] of sorted) {
    const li = document.createElement("li");
    li.setAttribute("data-device", id);
    li.innerHTML = `<span class="swatch" style="background:${d.color}"></span><span class="name"></span><span class="seen"></span>`;
    li.children[1].textContent = `${id} · ${Math.round(d.speed)} km/h`;
    li.children[2].textContent = ago(d.lastSeen);
    ul.append(li);
  }
  $("count").textContent = `${devices.size} vehicles`;
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  let url = `${scheme}://${location.host}/ws?all&tail=${TAIL}`;
  const known = Object.entries(offsets);
  if (epoch && known.length) url += `&epoch=${encodeURIComponent(epoch)}&offsets=` + known.map(([d, o]) => `${encodeURIComponent(d)}:${o}`).join(",");
  const ws = new WebSocket(url);
  ws.onopen = () => { $("status").textContent = "live"; $("status").className = "live"; };
  ws.onclose = () => { $("status").textContent = "reconnecting…"; $("status").className = ""; setTimeout(connect, 1000); };
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.offset) offsets[m.device] = m.offset;
    switch (m.type) {
      case "hello": epoch = m.epoch; break;
      case "position": onPosition(m); break;
      case "event": onEvent(m); break;
      case "gap": onEvent({ kind: "gap", device: m.device, data: {}, time_ms: Date.now() }); break;
    }
  };
}
window.addEventListener("resize", scheduleRedraw);
setInterval(renderList, 1000);
connect();
</script>
</body>
</html>
"""#
}
