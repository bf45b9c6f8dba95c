import Foundation

/// The run's output: a progress line on stderr once a second (`ProgressLine`: redrawn on a
/// terminal, a plain line every 5 s otherwise), `--json` stats lines on stdout, and the final summary.
final class SimReporter: @unchecked Sendable {
    private let json: Bool
    private let progress: ProgressLine
    private let devices: Int
    private var last = SimSnapshot()
    private var lastElapsed = Duration.zero

    /// `terminal`: whether stderr is a TTY (redraw in place).
    init(json: Bool, terminal: Bool = isatty(STDERR_FILENO) == 1, devices: Int) {
        self.json = json
        progress = ProgressLine(terminal: terminal)
        self.devices = devices
    }

    /// Called often; reports when a whole second has passed since the last report.
    func tick(totals: SimSnapshot, elapsed: Duration) {
        guard elapsed - lastElapsed >= .seconds(1) else { return }
        let line = SimStatsLine(totals: totals, previous: last, seconds: (elapsed - lastElapsed).inSeconds, elapsed: elapsed.inSeconds)
        last = totals
        lastElapsed = elapsed
        if json { Output.line(line.json) }
        progress.update(line.progress(devices: devices))
    }

    /// The summary: per protocol on stderr, and one `"final": true` JSON line on stdout with `--json`.
    func finish(totals: SimSnapshot, protocols: [SimCounters], elapsed: Duration) {
        progress.end()
        var text = ""
        let t = totals.tally
        text += String(format: "tw sim: %d devices for %.1f s: %d positions sent, %d acked, %d resent, %d dropped; %d heartbeats (%d acked), %d logins, %d ack timeouts\n",
                       devices, elapsed.inSeconds, t.positionsSent, t.positionsAcked, t.resent, t.dropped, t.heartbeatsSent, t.heartbeatsAcked, t.logins, t.ackTimeouts)
        for counters in protocols {
            let p = counters.snapshot.tally
            text += "  " + "\(counters.protocolName):".padding(toLength: 11, withPad: " ", startingAt: 0)
                + String(format: "sent %d, acked %d (%@), resent %d, dropped %d\n", p.positionsSent, p.positionsAcked,
                         counters.acksPositions ? "by reply" : "on write", p.resent, p.dropped)
        }
        FileHandle.standardError.write(Data(text.utf8))
        if json { Output.line(SimStatsLine.summaryJSON(totals: totals, protocols: protocols, elapsed: elapsed.inSeconds)) }
    }
}

/// One second's figures, as the progress line and as JSON.
struct SimStatsLine {
    let totals: SimSnapshot
    let previous: SimSnapshot
    let seconds: Double
    let elapsed: Double

    var sentPerSecond: Double { Double(totals.tally.positionsSent - previous.tally.positionsSent) / max(seconds, 0.001) }
    var ackedPerSecond: Double { Double(totals.tally.positionsAcked - previous.tally.positionsAcked) / max(seconds, 0.001) }

    func progress(devices: Int) -> String {
        let t = totals.tally
        return String(format: "%d/%d connected  %.0f sent/s  %.0f acked/s  total %d sent, %d acked, %d resent  %.0f s",
                      totals.connected, devices, sentPerSecond, ackedPerSecond, t.positionsSent, t.positionsAcked, t.resent, elapsed)
    }

    var json: String {
        Self.encode(["elapsed_s": (elapsed * 10).rounded() / 10, "sent_per_s": sentPerSecond.rounded(), "acked_per_s": ackedPerSecond.rounded()]
            .merging(Self.fields(totals)) { $1 })
    }

    static func summaryJSON(totals: SimSnapshot, protocols: [SimCounters], elapsed: Double) -> String {
        var object = fields(totals).merging(["final": true, "elapsed_s": (elapsed * 10).rounded() / 10]) { $1 }
        object["protocols"] = Dictionary(uniqueKeysWithValues: protocols.map { counters in
            (counters.protocolName, fields(counters.snapshot).merging(["acks": counters.acksPositions ? "reply" : "write"]) { $1 })
        })
        return encode(object)
    }

    private static func fields(_ s: SimSnapshot) -> [String: Any] {
        let t = s.tally
        return ["connected": s.connected, "sent": t.positionsSent, "acked": t.positionsAcked, "resent": t.resent, "dropped": t.dropped,
                "heartbeats": t.heartbeatsSent, "heartbeats_acked": t.heartbeatsAcked, "logins": t.logins, "ack_timeouts": t.ackTimeouts, "refused": t.refused]
    }

    private static func encode(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
