import ArgumentParser
import Foundation
import TrackwireProtocol

/// `tw status`: the live instances of every stage, from their `hb.*` heartbeats.
public struct StatusCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List live stage instances from their heartbeats: one line each with rate in, rate out, errors, load, heartbeat age and health.",
        discussion: "Rates are measured between the heartbeats seen while listening (--wait). --verbose prints every counter and gauge, --json one object per instance. Exit 1 if no heartbeat arrives within --wait seconds."
    )

    @OptionGroup var bus: SubscriberOptions

    @Option(help: "Seconds to listen for heartbeats (processes send one a second; two are needed for rates).")
    var wait: Double = 2.5

    @Flag(help: "Print one JSON object per instance (the heartbeat plus in_per_s, out_per_s, errors, heartbeat_age_s, healthy).")
    var json = false

    @Flag(name: .shortAndLong, help: "Print every counter and gauge of every instance.")
    var verbose = false

    @Option(help: "Columns to fit the table into (default: the terminal's width, else 120).")
    var width: Int?

    public func validate() throws {
        guard wait > 0 else { throw ValidationError("--wait must be a positive number of seconds") }
        if let width, width < 40 { throw ValidationError("--width must be at least 40 columns") }
    }

    /// Made by ArgumentParser.
    public init() {}

    public func run() throws {
        let subscription = try bus.subscribe(["hb."])
        let deadline = ContinuousClock.now + .seconds(wait)
        var table = InstanceTable()
        while let frames = try subscription.next(before: deadline) {
            guard let envelope = Envelope(frames: frames), let beat = try? envelope.decode(Heartbeat.self) else { continue }
            table.record(beat)
        }
        guard !table.isEmpty else {
            throw OperatorFailure("status: no heartbeat on \(bus.source) within \(wait) s; is tw-bus running there?")
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let columns = width ?? TerminalWidth.current
        if json {
            Output.line(table.renderJSONLines(nowMs: now).joined(separator: "\n"))
        } else {
            Output.line(verbose ? table.renderVerbose(nowMs: now, width: columns) : table.renderText(nowMs: now, width: columns))
        }
    }
}

/// The width of the terminal on stdout (`TIOCGWINSZ`), else `$COLUMNS`, else 120.
enum TerminalWidth {
    static var current: Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        return 120
    }
}
