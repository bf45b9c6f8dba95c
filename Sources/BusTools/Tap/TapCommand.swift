import ArgumentParser
import Foundation

/// `tw tap [prefix...]`: prints every matching broadcast message as one JSON line.
public struct TapCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tap",
        abstract: "Print bus messages as JSON lines, one per message.",
        discussion: "Exit 0 after --count messages; exit 1 if --timeout passes first."
    )

    @OptionGroup var bus: SubscriberOptions

    @Argument(help: "Topic prefixes to subscribe to, e.g. pos. or hb.bus (default: everything).")
    var prefixes: [String] = []

    @Flag(help: "Print bodies as hex instead of decoding them.")
    var raw = false

    @Option(help: "Only messages whose topic names this device id.")
    var device: String?

    @Option(help: "Exit 0 after this many printed messages.")
    var count: Int?

    @Option(help: "Give up with exit code 1 after this many seconds.")
    var timeout: Double?

    public func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    /// Made by ArgumentParser.
    public init() {}

    public func run() throws {
        let formatter = TapFormatter(device: device, rawHex: raw)
        let subscription = try bus.subscribe(prefixes)
        let deadline = timeout.map { ContinuousClock.now + .seconds($0) }
        var printed = 0
        while count.map({ printed < $0 }) ?? true {
            guard let frames = try subscription.next(before: deadline) else {
                let wanted = count.map { " of \($0)" } ?? ""
                throw OperatorFailure("tap: gave up after \(timeout ?? 0) s with \(printed)\(wanted) messages")
            }
            guard let line = formatter.line(for: frames) else { continue }
            Output.line(line)
            printed += 1
        }
    }
}
