// History playback for one device and time range, from the storage API (push's /api/positions,
// page after page): the track on the map, a timeline with the speed profile above it, and a
// marker that plays the trip back at 1× to 300×. The panel's `data-state` says where it is:
// closed, loading, loaded, playing, paused, ended or failed.

import { getJSON } from "./connection.js";
import { localPoints, svg } from "./view.js";

const PAGE = 5000, MAX_PAGES = 20;

export class History {
  constructor(view) {
    this.view = view;
    this.panel = document.getElementById("history");
    this.timeline = document.getElementById("timeline");
    this.playButton = document.getElementById("play");
    this.positions = [];
    this.device = null;
    this.playing = false;
    this.time = 0;
    document.getElementById("history-load").onclick = () => this.load();
    document.getElementById("history-close").onclick = () => this.close();
    this.playButton.onclick = () => (this.playing ? this.pause() : this.play());
    this.timeline.addEventListener("input", () => { this.pause(); this.seek(this.timeAt(this.timeline.value / 1000)); });
    view.onChange(() => this.drawMarker());
  }

  set state(value) { this.panel.dataset.state = value; }

  /** Opens the panel for `device`, the range defaulting to the last hour. */
  open(device, from = Date.now() - 3_600_000, to = Date.now()) {
    this.close();
    this.device = device;
    this.panel.hidden = false;
    this.state = "empty";
    document.getElementById("history-title").textContent = `History of ${device}`;
    document.getElementById("history-from").value = inputTime(from);
    document.getElementById("history-to").value = inputTime(to);
  }

  close() {
    this.pause();
    this.panel.hidden = true;
    this.state = "closed";
    this.positions = [];
    document.getElementById("history-track").replaceChildren();
    document.getElementById("playback").replaceChildren();
  }

  async load() {
    const from = new Date(document.getElementById("history-from").value).toISOString();
    const to = new Date(document.getElementById("history-to").value).toISOString();
    this.pause();
    this.state = "loading";
    const summary = document.getElementById("history-summary");
    summary.textContent = "loading…";
    try {
      this.positions = await this.fetch(from, to);
    } catch (error) {
      this.state = "failed";
      summary.textContent = error.message;
      return;
    }
    const track = document.getElementById("history-track");
    track.replaceChildren();
    if (!this.positions.length) {
      this.state = "empty";
      summary.textContent = "no positions in this range";
      return;
    }
    track.append(svg("polyline", { "data-track": `history:${this.device}`, points: localPoints(this.view, this.positions.map((p) => [p.latitude, p.longitude])) }));
    this.view.fit(this.positions.map((p) => [p.latitude, p.longitude]));
    summary.textContent = `${this.positions.length} positions, ${(distance(this.positions) / 1000).toFixed(1)} km`;
    this.drawSpeedProfile();
    this.timeline.disabled = this.playButton.disabled = false;
    this.state = "loaded";
    this.seek(this.positions[0].fix_time_ms);
  }

  /** Every page of the range, following next_cursor (at most MAX_PAGES × PAGE positions). */
  async fetch(from, to) {
    const base = `/api/positions?device=${encodeURIComponent(this.device)}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=${PAGE}`;
    let positions = [], cursor = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await getJSON(cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base);
      positions = positions.concat(answer.positions);
      cursor = answer.next_cursor;
      if (!cursor) break;
    }
    return positions;
  }

  get start() { return this.positions[0]?.fix_time_ms ?? 0; }
  get end() { return this.positions.at(-1)?.fix_time_ms ?? 0; }
  timeAt(fraction) { return this.start + fraction * (this.end - this.start); }

  play() {
    if (!this.positions.length) return;
    if (this.time >= this.end) this.seek(this.start);
    this.playing = true;
    this.state = "playing";
    this.playButton.textContent = "❚❚";
    let last = performance.now();
    const step = (now) => {
      if (!this.playing) return;
      this.seek(this.time + (now - last) * Number(document.getElementById("play-speed").value));
      last = now;
      if (this.time >= this.end) { this.pause(); this.state = "ended"; return; }
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  pause() {
    if (this.playing) this.state = "paused";
    this.playing = false;
    this.playButton.textContent = "▶";
  }

  seek(time) {
    this.time = Math.max(this.start, Math.min(this.end, time));
    const span = Math.max(1, this.end - this.start);
    this.timeline.value = String(Math.round(((this.time - this.start) / span) * 1000));
    this.timeline.dataset.time = String(Math.round(this.time));
    const p = this.at(this.time);
    document.getElementById("play-time").textContent = p ? `${new Date(this.time).toISOString().slice(0, 19)}Z · ${p.speed_kmh.toFixed(0)} km/h` : "";
    this.drawMarker();
  }

  /** The position at `time`, interpolated between the fixes around it. */
  at(time) {
    const list = this.positions;
    if (!list.length) return null;
    let low = 0, high = list.length - 1;
    while (high - low > 1) { const mid = (low + high) >> 1; if (list[mid].fix_time_ms <= time) low = mid; else high = mid; }
    const a = list[low], b = list[high];
    const f = b.fix_time_ms > a.fix_time_ms ? Math.max(0, Math.min(1, (time - a.fix_time_ms) / (b.fix_time_ms - a.fix_time_ms))) : 0;
    return { latitude: a.latitude + (b.latitude - a.latitude) * f, longitude: a.longitude + (b.longitude - a.longitude) * f, speed_kmh: a.speed_kmh };
  }

  drawMarker() {
    const group = document.getElementById("playback");
    const p = this.positions.length ? this.at(this.time) : null;
    if (!p) { group.replaceChildren(); return; }
    const [x, y] = this.view.screenOf(p.latitude, p.longitude);
    if (!group.firstChild) group.append(svg("circle", { r: 7, "data-playback": this.device }));
    group.firstChild.setAttribute("cx", x.toFixed(1));
    group.firstChild.setAttribute("cy", y.toFixed(1));
  }

  drawSpeedProfile() {
    const profile = document.getElementById("speed-profile");
    const top = Math.max(1, ...this.positions.map((p) => p.speed_kmh));
    const span = Math.max(1, this.end - this.start);
    profile.setAttribute("viewBox", "0 0 1000 100");
    profile.firstElementChild.setAttribute("points", this.positions.map((p) =>
      `${(((p.fix_time_ms - this.start) / span) * 1000).toFixed(1)},${(100 - (p.speed_kmh / top) * 95).toFixed(1)}`).join(" "));
  }
}

/** `2024-05-01T12:00:00` in local time, as datetime-local inputs take it. */
function inputTime(ms) {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 19);
}

/** The track's length in metres (haversine). */
function distance(positions) {
  let total = 0;
  for (let i = 1; i < positions.length; i++) {
    const [a, b] = [positions[i - 1], positions[i]];
    const rad = Math.PI / 180, dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
    total += 12_742_000 * Math.asin(Math.sqrt(h));
  }
  return total;
}
