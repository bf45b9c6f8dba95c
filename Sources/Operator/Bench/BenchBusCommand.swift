import ArgumentParser
import Foundation
import ZMQ

/// `tw bench bus`: messages/s through a tw-bus frames channel next to raw libzmq PUSH→PULL.
struct BenchBusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus",
        abstract: "Measure messages/s through tw-bus (frames-in → frames-out) next to raw libzmq PUSH→PULL.",
        discussion: """
            Uses the bus at --bus when one answers there; otherwise starts tw-bus from tw's own directory \
            on free loopback ports and stops it afterwards. Do not point it at a bus with decoders \
            attached: they would receive the benchmark's messages.
            """
    )

    @OptionGroup var host: BusHostOptions

    @Option(help: "Where to push (default: >tcp://<bus>:7102).")
    var framesIn: String?

    @Option(help: "Where to pull (default: >tcp://<bus>:7103).")
    var framesOut: String?

    @Option(help: "Messages per measurement.")
    var messages = 500_000

    @Option(help: "Body size in bytes (a 5-byte topic frame comes with each).")
    var size = 100

    @Option(help: "Seconds to wait for a bus to answer, and for a stalled measurement.")
    var patience: Double = 2

    func validate() throws {
        try BusHostOptions.validate(framesIn, flag: "frames-in")
        try BusHostOptions.validate(framesOut, flag: "frames-out")
        guard messages > 0, size >= 0, patience > 0 else {
            throw ValidationError("--messages and --patience must be positive, --size not negative")
        }
    }

    func run() throws {
        let throughput = Throughput(messages: messages, body: [UInt8](repeating: 0x5A, count: size), patience: .seconds(patience))
        let raw = try throughput.measureRawSingleHop(options: host.socketOptions)
        let (bus, label) = try measureBus(throughput)
        Output.line(BenchReport.render(bus: bus, busLabel: label, raw: raw))
    }

    /// Through the bus at `--bus`, or through one started for the occasion.
    private func measureBus(_ throughput: Throughput) throws -> (Throughput.Result, String) {
        let target = (framesIn ?? host.endpoints.framesIn, framesOut ?? host.endpoints.framesOut)
        var localBus: LocalBus?
        var endpoints = target
        var label = "tw-bus at \(target.0)"
        if try !BusProbe.isReachable(target.0, options: host.socketOptions, timeout: .seconds(min(patience, 1))) {
            let started = try LocalBus(options: host.socketOptions, startTimeout: .seconds(patience * 3))
            (localBus, endpoints, label) = (started, (started.framesIn, started.framesOut), "tw-bus started at \(started.framesIn)")
        }
        defer { localBus?.stop() }
        let context = try Context()
        defer { context.terminate() }
        let pull = try context.socket(.pull, endpoints: endpoints.1, options: host.socketOptions)
        defer { pull.close() }
        let push = try context.socket(.push, endpoints: endpoints.0, options: host.socketOptions)
        defer { push.close() }
        return (try throughput.measure(push: push, pull: pull, context: context), label)
    }
}

/// The benchmark's printed lines.
enum BenchReport {
    static func render(bus: Throughput.Result, busLabel: String, raw: Throughput.Result) -> String {
        let ratio = raw.messagesPerSecond > 0 ? bus.messagesPerSecond / raw.messagesPerSecond : 0
        return [
            line("bus", bus, busLabel),
            line("raw", raw, "libzmq PUSH→PULL, tcp loopback, single hop"),
            String(format: "ratio bus/raw: %.2f (target ≥ 0.50)", ratio),
        ].joined(separator: "\n")
    }

    private static func line(_ name: String, _ result: Throughput.Result, _ label: String) -> String {
        String(format: "%@: %.0f msg/s (%d messages of %d bytes in %.3f s; %@)",
               name, result.messagesPerSecond, result.messages, result.bodyBytes, result.seconds, label)
    }
}
