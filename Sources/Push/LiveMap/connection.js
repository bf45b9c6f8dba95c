// Talking to push: the access token, JSON from push's /api (forwarded to the storage API) and the
// live WebSocket stream with resume. The token (issue 15) comes from ?token= once (then kept in a
// cookie and removed from the address bar), else from the cookie, else from a prompt when push
// answers 401. It travels as "Authorization: Bearer" on fetches and as ?token= on the stream,
// since a browser cannot set headers on a WebSocket.

let token = null;

export function initToken() {
  const url = new URL(location.href);
  const given = url.searchParams.get("token");
  if (given) {
    setToken(given);
    url.searchParams.delete("token");
    history.replaceState(null, "", url);
  } else {
    const cookie = document.cookie.match(/(?:^|;\s*)tw_token=([^;]*)/);
    if (cookie) token = decodeURIComponent(cookie[1]);
  }
}

function setToken(value) {
  token = value;
  document.cookie = `tw_token=${encodeURIComponent(value)}; path=/; SameSite=Strict`;
}

let asking = null;
function askForToken() {
  asking ??= new Promise((resolve) => {
    const dialog = document.getElementById("token-dialog");
    dialog.addEventListener("close", () => {
      setToken(document.getElementById("token-input").value);
      asking = null;
      resolve();
    }, { once: true });
    dialog.showModal();
  });
  return asking;
}

/** GET `path` from push as JSON; asks for a token on 401 and tries again; throws the API's message. */
export async function getJSON(path) {
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (response.status === 401) {
    await askForToken();
    return getJSON(path);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error?.message ?? `${path}: HTTP ${response.status}`);
  return body;
}

/**
 * The live stream: `/ws?all&tail=N`, reconnecting with the offsets seen so a drop misses nothing.
 * Calls onMessage(message) for every stream message and onState("live" | "reconnecting").
 */
export function openStream({ tail, onMessage, onState }) {
  const offsets = {};
  let epoch = null, failures = 0;
  const connect = () => {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const query = new URLSearchParams({ all: "", tail: String(tail) });
    const known = Object.entries(offsets);
    if (epoch && known.length) {
      query.set("epoch", epoch);
      query.set("offsets", known.map(([device, offset]) => `${device}:${offset}`).join(","));
    }
    if (token) query.set("token", token);
    const socket = new WebSocket(`${scheme}://${location.host}/ws?${query}`);
    let greeted = false;
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "hello") { epoch = message.epoch; greeted = true; failures = 0; onState("live"); }
      if (message.offset) offsets[message.device] = message.offset;
      onMessage(message);
    };
    socket.onclose = async () => {
      onState("reconnecting");
      // Refused before a hello, twice: ask push why over HTTP, which prompts for a token on 401.
      if (!greeted && ++failures >= 2) await getJSON("/config.json").catch(() => {});
      setTimeout(connect, Math.min(10_000, 500 * 2 ** Math.min(failures, 5)));
    };
  };
  connect();
}
