import Foundation

/// A real WebSocket client for tests: Python's `websockets` library printing every message it
/// receives, one per line, as a child process.
public enum WebSocketClient {
    /// Connects to `url` (`ws://...`); stops after `count` stream messages (position, event,
    /// session, gap) or `seconds`. `slow` connects and never reads. The script is written into
    /// `directory` once.
    public static func start(_ url: String, in directory: URL, count: Int = 1_000_000, seconds: Int = 60, slow: Bool = false) throws -> ChildProcess {
        let file = directory.appendingPathComponent("ws_client.py")
        if !FileManager.default.fileExists(atPath: file.path) { try script.write(to: file, atomically: true, encoding: .utf8) }
        return try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", file.path, url, "\(count)", "\(seconds)", slow ? "slow" : "fast"])
    }

    static let script = """
    import asyncio, json, sys
    import websockets

    async def main(url, count, seconds, mode):
        async with websockets.connect(url, max_queue=1 if mode == "slow" else 4096, max_size=None) as ws:
            if mode == "slow":
                await asyncio.sleep(seconds)
                return
            seen = 0
            async def read():
                nonlocal seen
                async for message in ws:
                    print(message, flush=True)
                    if json.loads(message).get("type") in ("position", "event", "session", "gap"):
                        seen += 1
                        if seen >= count:
                            return
            try:
                await asyncio.wait_for(read(), seconds)
            except asyncio.TimeoutError:
                pass

    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]))
    """
}
