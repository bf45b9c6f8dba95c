import ArgumentParser
import Foundation
import TrackwireProtocol

/// `tw top`: the live pipeline, refreshed in the terminal: every stage instance's figures (as
/// `tw status` shows them, rates over the last interval) above the message rates per topic group.
public struct TopCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Show the live stage instances (rates in and out, errors, load, health) and message rates per topic group, refreshed each interval.",
        discussion: "--json prints one object per interval ({\"instances\": [...], \"topics\": [...]}) for scripts."
    )

    @OptionGroup var bus: SubscriberOptions

    @Argument(help: "Topic prefixes to count (default: everything; heartbeats are always read for the instances).")
    var prefixes: [String] = []

    @Option(help: "Group topics by 'kind' (first word: pos, evt, hb) or 'prefix' (first two words: pos.17, hb.bus).")
    var by: RateTable.Grouping = .kind

    @Option(help: "Seconds per refresh.")
    var interval: Double = 1

    @Flag(help: "Print one table after one interval and exit (for scripts).")
    var once = false

    @Flag(help: "Print one JSON object per interval instead of the table.")
    var json = false

    @Flag(name: .shortAndLong, help: "List every topic group (default: the 12 busiest).")
    var verbose = false

    @Option(help: "Columns to fit into (default: the terminal's width, else 120).")
    var width: Int?

    public func validate() throws {
        guard interval >= 0.1 else { throw ValidationError("--interval must be at least 0.1 seconds") }
        if let width, width < 40 { throw ValidationError("--width must be at least 40 columns") }
    }

    /// Made by ArgumentParser.
    public init() {}

    public func run() throws {
        let subscription = try bus.subscribe(prefixes.isEmpty ? [] : prefixes + ["hb."])
        var topics = RateTable(grouping: by)
        var instances = InstanceTable()
        // Clear the screen only when a person is watching a terminal, never into a pipe or file.
        let clear = !once && !json && isatty(STDOUT_FILENO) == 1
        let window = Duration.seconds(interval)
        repeat {
            let start = ContinuousClock.now
            instances.startWindow()
            while let frames = try subscription.next(before: start + window) {
                let topic = String(decoding: frames[0], as: UTF8.self)
                if topic.hasPrefix("hb."), let envelope = Envelope(frames: frames), let beat = try? envelope.decode(Heartbeat.self) {
                    instances.record(beat)
                }
                guard prefixes.isEmpty || prefixes.contains(where: topic.hasPrefix) else { continue }
                topics.record(topic: topic, bytes: frames.dropFirst().map(\.count).reduce(0, +))
            }
            let seconds = start.duration(to: .now).inSeconds
            let screen = TopScreen(instances: instances.figures(nowMs: Int64(Date().timeIntervalSince1970 * 1000)),
                                   topics: topics.closeWindow(seconds: seconds), source: bus.source, seconds: seconds)
            Output.line(json ? screen.json : screen.text(clear: clear, width: width ?? TerminalWidth.current, topicRows: verbose ? nil : 12))
        } while !once
    }
}
