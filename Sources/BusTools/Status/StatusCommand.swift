import ArgumentParser
import Foundation
import TrackwireProtocol

/// `tw status`: the live instances of every stage, from their `hb.*` heartbeats.
public struct StatusCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List live stage instances (stage, instance, pid, uptime, http, counters) from heartbeats.",
        discussion: "Exit 1 if no heartbeat arrives within --wait seconds."
    )

    @OptionGroup var bus: SubscriberOptions

    @Option(help: "Seconds to listen for heartbeats (processes send one a second).")
    var wait: Double = 2.5

    @Flag(help: "Print one JSON object per instance instead of a table.")
    var json = false

    public func validate() throws {
        guard wait > 0 else { throw ValidationError("--wait must be a positive number of seconds") }
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
        Output.line(json ? table.renderJSONLines().joined(separator: "\n") : table.renderText())
    }
}
