#!/usr/bin/env python3
"""Drives the live map in headless Chromium over the DevTools protocol, as a person would: waits
for the fleet, the fences and the tracks, clicks a vehicle, opens and plays back its history,
searches the list, and checks the access token's three ways in (?token=, the cookie, the prompt
when push answers 401). Saves screenshots. Prints one JSON report on stdout and exits 1 when a
check failed. The browser test (Tests/PushTests/LiveMapTests.swift) and `make screenshot` run it.

usage: live_map_check.py URL --devices N [--fences a,b] [--screenshots DIR] [--timeout S] [--skip-token]
       live_map_check.py URL --devices N --scale [--screenshots DIR]   (thousands: fleet, list, search)
"""
import argparse
import asyncio
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websockets


class Browser:
    """Headless Chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self, width=1400, height=900):
        self.profile = tempfile.mkdtemp(prefix="tw-chromium-")
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.next_id = 0
        self.pending = {}
        self.events = []

    async def start(self):
        deadline = time.monotonic() + 30
        port = None
        while port is None and time.monotonic() < deadline:
            line = await asyncio.to_thread(self.process.stderr.readline)
            match = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            port = match and int(match.group(1))
            if not line and self.process.poll() is not None:
                raise RuntimeError("chromium exited before listening")
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(p for p in pages if p.get("type") == "page")
        self.socket = await websockets.connect(page["webSocketDebuggerUrl"], max_size=None)
        self.reader = asyncio.create_task(self.read())
        for domain in ["Page", "Runtime", "Network"]:
            await self.call(f"{domain}.enable")

    async def read(self):
        async for raw in self.socket:
            message = json.loads(raw)
            if "id" in message and message["id"] in self.pending:
                self.pending.pop(message["id"]).set_result(message)
            elif "method" in message:
                self.events.append(message)
                if message["method"] == "Fetch.requestPaused" and self.on_paused:
                    asyncio.create_task(self.on_paused(message["params"]))

    on_paused = None

    async def call(self, method, **params):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        answer = await asyncio.wait_for(future, 30)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    async def evaluate(self, expression):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def until(self, expression, timeout, what):
        deadline = time.monotonic() + timeout
        value = None
        while time.monotonic() < deadline:
            try:
                value = await self.evaluate(expression)
            except RuntimeError as error:  # a page still loading has no such element yet
                value = error
            if value and not isinstance(value, Exception):
                return value
            await asyncio.sleep(0.25)
        raise TimeoutError(f"{what} within {timeout} s (last: {value!r})")

    async def click(self, selector):
        """A real mouse click at the middle of the first element matching `selector`."""
        box = await self.evaluate(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            if (!e) return null; const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
        if not box:
            raise RuntimeError(f"nothing to click at {selector}")
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"]:
            await self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    async def type(self, selector, text):
        await self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        await self.call("Input.insertText", text=text)

    async def screenshot(self, path):
        data = await self.call("Page.captureScreenshot", format="png")
        with open(path, "wb") as out:
            out.write(base64.b64decode(data["data"]))

    async def navigate(self, url):
        await self.call("Page.navigate", url=url)

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def count(selector):
    return f"document.querySelectorAll({json.dumps(selector)}).length"


async def check_map(browser, args, report):
    await browser.navigate(args.url)
    await browser.until(f"{count('#markers [data-device]')} >= {args.devices}", args.timeout, f"{args.devices} vehicles on the map")
    devices = await browser.evaluate("[...document.querySelectorAll('#markers [data-device]')].map(e => e.dataset.device)")
    report["devices"] = sorted(devices)
    if args.fences:
        wanted = args.fences.split(",")
        await browser.until(f"{json.dumps(wanted)}.every(id => document.querySelector(`[data-fence=\"${{id}}\"]`))", args.timeout, "every fence drawn")
    report["fences"] = sorted(await browser.evaluate("[...document.querySelectorAll('[data-fence]')].map(e => e.dataset.fence)"))
    await browser.until("[...document.querySelectorAll('#tails [data-track]')].some(e => e.getAttribute('points').split(' ').length >= 2)",
                        args.timeout, "a track tail of two points or more")
    report["tracks"] = await browser.evaluate(count("#tails [data-track]"))
    report["list_rows"] = await browser.evaluate(count(".row-device:not([hidden])"))
    report["scale_bar"] = await browser.evaluate("document.getElementById('scale-label').textContent")
    report["graticule_lines"] = await browser.evaluate(count("#graticule line"))
    await asyncio.sleep(1)
    if args.screenshots:
        await browser.screenshot(os.path.join(args.screenshots, "live-map.png"))


async def check_details_and_history(browser, args, report):
    device = report["devices"][0]
    # Moving vehicles: pick the marker's position when it is clicked, not before.
    await browser.click(f'#markers [data-device="{device}"] circle')
    await browser.until("!document.getElementById('details').hidden", 10, "the details panel")
    details = await browser.evaluate("document.getElementById('details').innerText")
    report["details"] = {"device": device, "shows_speed": "km/h" in details, "shows_last_fix": "last fix" in details,
                         "shows_attributes": "ignition" in details}
    await browser.click('#details [data-action="history"]')
    await browser.until("document.getElementById('history').dataset.state === 'empty'", 10, "the history panel")
    await browser.evaluate("""(() => { const iso = (ms) => new Date(ms - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 19);
        document.getElementById('history-from').value = iso(Date.now() - 30 * 60000);
        document.getElementById('history-to').value = iso(Date.now() + 60000); })()""")
    await browser.click("#history-load")
    await browser.until("document.getElementById('history').dataset.state === 'loaded'", 20, "the history loaded")
    summary = await browser.evaluate("document.getElementById('history-summary').textContent")
    start = int(await browser.evaluate("document.getElementById('timeline').dataset.time"))
    await browser.evaluate("document.getElementById('play-speed').value = '10'")
    await browser.click("#play")
    await browser.until("document.getElementById('history').dataset.state === 'playing'", 5, "playing")
    await asyncio.sleep(1.5)
    if args.screenshots:
        await browser.screenshot(os.path.join(args.screenshots, "live-map-history.png"))
    moved = int(await browser.evaluate("document.getElementById('timeline').dataset.time"))
    await browser.evaluate("document.getElementById('play-speed').value = '300'")
    await browser.until("document.getElementById('history').dataset.state === 'ended'", 60, "the playback's end")
    report["history"] = {"summary": summary, "positions": int(summary.split(" ")[0]), "start_ms": start, "played_to_ms": moved,
                         "track": await browser.evaluate(count('[data-track^="history:"]')),
                         "playback_marker": await browser.evaluate(count("#playback [data-playback]"))}


async def check_search(browser, args, report):
    device = report["devices"][-1]
    await browser.type("#search", device)
    await browser.until(f"{count('.row-device:not([hidden])')} === 1", 5, "one row for the searched device")
    report["search"] = {"rows": await browser.evaluate(count(".row-device:not([hidden])")),
                        "row": await browser.evaluate("document.querySelector('.row-device:not([hidden])').dataset.device"),
                        "markers_shown": await browser.evaluate(count("#markers .vehicle:not(.hidden)")),
                        "count": await browser.evaluate("document.getElementById('count').textContent")}


async def check_scale(browser, args, report):
    """Thousands of vehicles: every one on the map, the list renders only the rows in sight,
    reaches the last device when scrolled to the end and narrows to one on a search, quickly."""
    await browser.navigate(args.url)
    await browser.until(f"{count('#markers [data-device]')} >= {args.devices}", args.timeout, f"{args.devices} vehicles on the map")
    await browser.until(f"document.getElementById('count').textContent === '{args.devices} vehicles'", 10, "the list counting every vehicle")
    report["devices"] = sorted(await browser.evaluate("[...document.querySelectorAll('#markers [data-device]')].map(e => e.dataset.device)"))
    report["list_rows"] = await browser.evaluate(count(".row-device:not([hidden])"))
    # The scroll handler renders the rows; two animation frames later they are on screen.
    report["scroll"] = await browser.evaluate("""(async () => { const box = document.getElementById('list'); const start = performance.now();
        box.scrollTop = box.scrollHeight; await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const rows = [...document.querySelectorAll('.row-device:not([hidden])')].map((row) => row.dataset.device);
        return {ms: performance.now() - start, rows: rows.length, last: rows.sort((a, b) => a.localeCompare(b, undefined, {numeric: true})).pop()}; })()""")
    if args.screenshots:
        await browser.screenshot(os.path.join(args.screenshots, "live-map-scale.png"))
    # The search box's input handler filters the list and the markers at once: time it.
    device = report["devices"][len(report["devices"]) // 2]
    report["search"] = await browser.evaluate(f"""(() => {{ const search = document.getElementById('search'); const start = performance.now();
        search.value = {json.dumps(device)}; search.dispatchEvent(new Event('input'));
        return {{ms: performance.now() - start, device: {json.dumps(device)}, rows: {count(".row-device:not([hidden])")},
                 markers_shown: {count("#markers .vehicle:not(.hidden)")}}}; }})()""")


async def check_token(browser, args, report):
    """?token= is kept in a cookie, sent on fetches and the stream, and leaves the address bar;
    a 401 from push brings up the prompt, and the typed token is used from then on."""
    browser.events.clear()
    await browser.navigate(args.url + ("&" if "?" in args.url else "?") + "token=given-secret")
    await browser.until(f"{count('#markers [data-device]')} >= 1", args.timeout, "the map with ?token=")
    await asyncio.sleep(0.5)
    requests = [e["params"] for e in browser.events if e["method"] == "Network.requestWillBeSent"]
    config = [r for r in requests if r["request"]["url"].endswith("/config.json")]
    sockets = [e["params"]["url"] for e in browser.events if e["method"] == "Network.webSocketCreated"]
    token = {"header": bool(config) and config[-1]["request"]["headers"].get("Authorization") == "Bearer given-secret",
             "stream": any("token=given-secret" in url for url in sockets),
             "cookie": "tw_token=given-secret" in await browser.evaluate("document.cookie"),
             "address_bar_clean": "token" not in await browser.evaluate("location.search")}
    refused = {"done": False}

    async def paused(params):
        if not refused["done"]:
            refused["done"] = True
            await browser.call("Fetch.fulfillRequest", requestId=params["requestId"], responseCode=401,
                               responseHeaders=[{"name": "Content-Type", "value": "application/json"}],
                               body=base64.b64encode(b'{"error":{"status":401,"message":"token required"}}').decode())
        else:
            await browser.call("Fetch.continueRequest", requestId=params["requestId"])

    browser.on_paused = paused
    await browser.call("Fetch.enable", patterns=[{"urlPattern": "*/config.json"}])
    browser.events.clear()
    await browser.navigate(args.url)
    await browser.until("document.getElementById('token-dialog').open", 10, "the token prompt after a 401")
    await browser.type("#token-input", "typed-secret")
    await browser.evaluate("document.querySelector('#token-dialog button').click()")
    await browser.until(f"{count('#markers [data-device]')} >= 1", args.timeout, "the map after the prompt")
    requests = [e["params"] for e in browser.events if e["method"] == "Network.requestWillBeSent"]
    config = [r for r in requests if r["request"]["url"].endswith("/config.json")]
    token["prompt"] = bool(config) and config[-1]["request"]["headers"].get("Authorization") == "Bearer typed-secret"
    await browser.call("Fetch.disable")
    browser.on_paused = None
    report["token"] = token


async def run(args):
    report, failures = {}, []
    browser = Browser()
    try:
        await browser.start()
        steps = [check_scale] if args.scale else [check_map, check_details_and_history, check_search] + ([] if args.skip_token else [check_token])
        for step in steps:
            try:
                await step(browser, args, report)
            except Exception as error:  # the report says which step and why
                failures.append(f"{step.__name__}: {error}")
                break
        report["console_errors"] = [e["params"]["exceptionDetails"]["text"] for e in browser.events if e["method"] == "Runtime.exceptionThrown"]
    finally:
        browser.close()
    report["failures"] = failures
    print(json.dumps(report))
    return 0 if not failures else 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--devices", type=int, required=True)
    parser.add_argument("--fences", default="")
    parser.add_argument("--screenshots")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--skip-token", action="store_true")
    parser.add_argument("--scale", action="store_true", help="only the fleet, the list and search, for thousands of vehicles")
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
