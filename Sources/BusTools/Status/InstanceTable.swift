import Foundation
import TrackwireProtocol

/// The live instances seen in heartbeats: for each stage and instance the first and the newest
/// heartbeat of the current window (their difference gives the rates). `tw status` and `tw top`'s
/// state and its renderings; pure: tests feed it heartbeats and a clock.
public struct InstanceTable: Sendable {
    private var first: [String: Heartbeat] = [:]
    private var latest: [String: Heartbeat] = [:]

    /// An empty table.
    public init() {}

    /// Keeps `heartbeat` if it is the newest from its instance.
    public mutating func record(_ heartbeat: Heartbeat) {
        let key = "\(heartbeat.stage).\(heartbeat.instance)"
        if let known = latest[key], known.timeMs > heartbeat.timeMs { return }
        latest[key] = heartbeat
        if first[key] == nil || first[key]!.timeMs > heartbeat.timeMs { first[key] = heartbeat }
    }

    /// Starts a new window: rates are measured from each instance's newest heartbeat on (`tw top`).
    public mutating func startWindow() { first = latest }

    /// The instances, by stage then instance (their newest heartbeats).
    public var instances: [Heartbeat] { figures(nowMs: 0).map(\.heartbeat) }

    /// Whether no heartbeat has been recorded.
    public var isEmpty: Bool { latest.isEmpty }

    /// Each instance's figures at `nowMs` (unix ms), by stage then instance.
    public func figures(nowMs: Int64) -> [InstanceFigures] {
        latest.keys.sorted { (latest[$0]!.stage, latest[$0]!.instance) < (latest[$1]!.stage, latest[$1]!.instance) }.map { key in
            InstanceFigures(first: first[key] ?? latest[key]!, latest: latest[key]!, nowMs: nowMs)
        }
    }

    /// One line per instance with the figures that matter, at most `width` columns (the health
    /// column is shortened to fit).
    public func renderText(nowMs: Int64, width: Int = 120) -> String {
        InstanceTableText.render(figures(nowMs: nowMs), width: width)
    }

    /// Every counter and gauge of every instance: a header line each, then `name=value` lines
    /// wrapped at `width`.
    public func renderVerbose(nowMs: Int64, width: Int = 120) -> String {
        InstanceTableText.verbose(figures(nowMs: nowMs), width: width)
    }

    /// One JSON object per instance: the heartbeat with the schema's field names, plus the
    /// figures (`in_per_s`, `out_per_s`, `errors`, `heartbeat_age_s`).
    public func renderJSONLines(nowMs: Int64) -> [String] {
        figures(nowMs: nowMs).map(\.json)
    }

    /// `42s`, `5m07s`, `3h12m`, `2d04h`.
    static func uptime(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return String(format: "%dm%02ds", total / 60, total % 60)
        case ..<86400: return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
        default: return String(format: "%dd%02dh", total / 86400, total % 86400 / 3600)
        }
    }
}

/// One instance's figures: rates between two of its heartbeats, its errors, its load figure, the
/// age of its newest heartbeat and its health.
public struct InstanceFigures: Sendable {
    /// The newest heartbeat.
    public let heartbeat: Heartbeat
    /// Per second between the window's first and newest heartbeat; `nil` with only one.
    public let inPerSecond, outPerSecond: Double?
    /// Errors, drops and refusals since the process started.
    public let errors: UInt64
    /// `12 conns`, `80 ms lag`, `0 blocked/s`; `nil` when the stage has none.
    public let load: String?
    /// Seconds since the newest heartbeat was sent.
    public let heartbeatAge: Double

    init(first: Heartbeat, latest: Heartbeat, nowMs: Int64) {
        heartbeat = latest
        let stage = StageFigures.of(latest.stage)
        let seconds = Double(latest.timeMs - first.timeMs) / 1000
        func rate(_ names: [String]) -> Double? {
            guard seconds > 0 else { return nil }
            return Double(StageFigures.sum(latest.counters, names) &- StageFigures.sum(first.counters, names)) / seconds
        }
        inPerSecond = rate(stage.input)
        outPerSecond = rate(stage.output)
        errors = StageFigures.sum(latest.counters, stage.errors)
        if let (gauge, unit) = stage.load {
            load = latest.gauges[gauge].map { "\(Int($0.rounded())) \(unit)" }
        } else if let (counter, unit) = stage.loadRate {
            load = rate([counter]).map { "\(Int($0.rounded())) \(unit)" }
        } else {
            load = nil
        }
        heartbeatAge = max(0, Double(nowMs - latest.timeMs) / 1000)
    }

    /// `ok`, or the failing checks with their reasons.
    public var health: String {
        heartbeat.healthProblems.isEmpty ? "ok" : "FAILING " + heartbeat.healthProblems.joined(separator: "; ")
    }

    var json: String {
        var object = (try? JSONValue.parse(Array(((try? heartbeat.jsonString(options: MessageRegistry.jsonOptions)) ?? "{}").utf8)))?.objectValue ?? JSONObject()
        object["in_per_s"] = inPerSecond.map(JSONValue.double) ?? .null
        object["out_per_s"] = outPerSecond.map(JSONValue.double) ?? .null
        object["errors"] = .int(Int64(clamping: errors))
        object["heartbeat_age_s"] = .double(heartbeatAge)
        object["healthy"] = .bool(heartbeat.healthProblems.isEmpty)
        return JSONValue.object(object).text
    }
}
