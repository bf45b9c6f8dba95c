import ArgumentParser
import Foundation

/// `tw top`: live per-topic-group message rates, refreshed in the terminal.
public struct TopCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Show live message rates per topic group (pos.17, hb.bus, ...), refreshed each interval."
    )

    @OptionGroup var bus: SubscriberOptions

    @Argument(help: "Topic prefixes to watch (default: everything).")
    var prefixes: [String] = []

    @Option(help: "Group by 'prefix' (first two words of the topic) or 'kind' (first word).")
    var by: RateTable.Grouping = .prefix

    @Option(help: "Seconds per refresh.")
    var interval: Double = 1

    @Flag(help: "Print one table after one interval and exit (for scripts).")
    var once = false

    public func validate() throws {
        guard interval >= 0.1 else { throw ValidationError("--interval must be at least 0.1 seconds") }
    }

    /// Made by ArgumentParser.
    public init() {}

    public func run() throws {
        let subscription = try bus.subscribe(prefixes)
        var table = RateTable(grouping: by)
        // Clear the screen only when a person is watching a terminal, never into a pipe or file.
        let clear = !once && isatty(STDOUT_FILENO) == 1
        let window = Duration.seconds(interval)
        repeat {
            let start = ContinuousClock.now
            while let frames = try subscription.next(before: start + window) {
                table.record(topic: String(decoding: frames[0], as: UTF8.self), bytes: frames.dropFirst().map(\.count).reduce(0, +))
            }
            let seconds = start.duration(to: .now).inSeconds
            Output.line(TopScreen.render(table.closeWindow(seconds: seconds), source: bus.source, seconds: seconds, clear: clear))
        } while !once
    }
}
