import BusTools
import Foundation

/// A whole `tw bench e2e` run.
struct E2EResult: Codable {
    var command: String
    var date: Date
    var cores: Int
    var rawMessagesPerSecond: Double
    var decoders: Int
    var gateways: Int
    var geofences: Int
    var protocols: [String]
    var steps: [E2EStep]
}

/// The run as a markdown report, JSON and a PNG plot.
enum E2EReport {
    static func markdown(_ result: E2EResult) -> String {
        var lines: [String] = []
        let date = ISO8601DateFormatter().string(from: result.date)
        lines.append("`tw \(result.command)` — \(date), \(result.cores) cores; \(result.gateways) gateway\(result.gateways == 1 ? "" : "s"), \(result.decoders) decoders, \(result.geofences) geofence shards, "
            + "tw-storage on SQLite, tw-push with one WebSocket client, devices speaking \(result.protocols.joined(separator: ",")).")
        lines.append("")
        lines.append(String(format: "Raw libzmq single hop (PUSH→PULL, tcp loopback, 100-byte bodies) in the same run: **%.0f msg/s**.", result.rawMessagesPerSecond))
        lines.append("")
        lines.append("| offered/s | sent/s | acked/s | stored/s | pushed/s | lost | device→stored p50 / p99 | device→client p50 / p99 | machine CPU | pipeline CPU per stored position | busiest process |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for step in result.steps {
            let busiest = step.busiest.map { String(format: "%@ %.0f%%", $0.label, $0.cpuPercent) } ?? "-"
            let pushed = String(format: "%.0f", step.perSecond(step.pushed)) + (step.clientDisconnected ? " (client disconnected)" : "")
            lines.append(String(format: "| %d | %.0f | %.0f | %.0f | %@ | %d | %@ / %@ | %@ / %@ | %.0f%% | %@ | %@ |",
                                step.offeredPerSecond, step.perSecond(step.sent), step.perSecond(step.acked), step.perSecond(step.storedAtSimEnd),
                                pushed, step.lost, ms(step.storedLatencyP50Ms), ms(step.storedLatencyP99Ms),
                                ms(step.pushedLatencyP50Ms), ms(step.pushedLatencyP99Ms), step.machineBusyPercent,
                                microseconds(step.pipelineCPUMicrosecondsPerStored), busiest))
        }
        lines.append("")
        lines.append("CPU (percent of one core over the run), peak RSS and CPU per stored position, per process:")
        lines.append("")
        let labels = result.steps.first?.processes.map(\.label) ?? []
        lines.append("| process | " + result.steps.map { "\($0.offeredPerSecond)/s" }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: result.steps.count))
        for label in labels {
            let cells = result.steps.map { step -> String in
                guard let use = step.processes.first(where: { $0.label == label }) else { return "-" }
                return String(format: "%.0f%%, %.0f MB, %@", use.cpuPercent, use.peakRSSMegabytes, microseconds(step.cpuMicrosecondsPerStored(use)))
            }
            lines.append("| \(label) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("sent: first sends (resends not counted; resent in total: \(result.steps.map { String($0.resent) }.joined(separator: ", "))). "
            + "stored/s: rows committed by the time the sim stopped; lost: acked but not in SQLite after settling "
            + "(settled in \(result.steps.map { String(format: "%.1f s", $0.settleSeconds) }.joined(separator: ", "))). "
            + "device→stored: commit time minus fix time from tw-storage's histogram (interpolated in its buckets); "
            + "device→client: WebSocket arrival minus the message's time_ms (ms resolution). "
            + "CPU per stored position: a process's CPU seconds over the run and its settling divided by the rows stored; "
            + "the pipeline's is every stage's summed, tw sim apart (its CPU is counted over its own run).")
        return lines.joined(separator: "\n")
    }

    static func microseconds(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.0f µs", value)
    }

    static func ms(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value >= 1000 ? String(format: "%.1f s", value / 1000) : String(format: "%.0f ms", value)
    }

    /// e2e.md, e2e.json and, when python3 with matplotlib is there, e2e.png.
    static func write(_ result: E2EResult, markdown: String, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((markdown + "\n").utf8).write(to: directory.appendingPathComponent("e2e.md"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = directory.appendingPathComponent("e2e.json")
        try encoder.encode(result).write(to: json)
        let png = directory.appendingPathComponent("e2e.png")
        let plot = Process()
        plot.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        plot.arguments = ["python3", "-c", plotScript, json.path, png.path]
        let errors = Pipe()
        plot.standardError = errors
        do {
            try plot.run()
            plot.waitUntilExit()
        } catch {}
        if plot.terminationStatus == 0 {
            Output.line("e2e: wrote \(directory.path)/e2e.md, e2e.json and e2e.png")
        } else {
            let reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").last ?? ""
            Output.line("e2e: wrote \(directory.path)/e2e.md and e2e.json; no plot (python3 with matplotlib needed: \(reason))")
        }
    }

    /// Throughput against the offered rate on the left, p99 latencies on the right.
    static let plotScript = """
        import json, sys
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        data = json.load(open(sys.argv[1]))
        steps = data["steps"]
        offered = [s["offered_per_second"] for s in steps]
        per = lambda key: [s[key] / s["seconds"] for s in steps]
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
        left.plot(offered, offered, ":", color="grey", label="offered")
        for key, label in [("sent", "sent"), ("acked", "acked"), ("stored_at_sim_end", "stored"), ("pushed", "pushed")]:
            left.plot(offered, per(key), "o-", label=label)
        left.set_xlabel("offered positions/s"); left.set_ylabel("positions/s"); left.legend(); left.grid(alpha=0.3)
        left.set_title("throughput (raw libzmq single hop: %.0f k msg/s)" % (data["raw_messages_per_second"] / 1000))
        for key, label in [("stored_latency_p99_ms", "device→stored p99"), ("stored_latency_p50_ms", "device→stored p50"),
                           ("pushed_latency_p99_ms", "device→client p99"), ("pushed_latency_p50_ms", "device→client p50")]:
            right.plot(offered, [s.get(key) or float("nan") for s in steps], "o-", label=label)
        right.set_yscale("log"); right.set_xlabel("offered positions/s"); right.set_ylabel("ms"); right.legend(); right.grid(alpha=0.3)
        right.set_title("latency")
        fig.suptitle("tw bench e2e, %d cores" % data["cores"])
        fig.tight_layout()
        fig.savefig(sys.argv[2], dpi=110)
        """
}
