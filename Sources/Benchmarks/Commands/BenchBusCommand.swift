import ArgumentParser
import BusTools
import Foundation
import TrackwireTesting
import ZMQ

/// `tw bench bus`: messages/s through a tw-bus frames channel next to raw libzmq PUSH→PULL.
struct BenchBusCommand: AsyncParsableCommand {
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

    @Flag(help: "Also start a CURVE bus (fresh keys, an allow-list) and report its msg/s as a ratio to the plaintext bus of the same run.")
    var curve = false

    func validate() throws {
        try BusHostOptions.validate(framesIn, flag: "frames-in")
        try BusHostOptions.validate(framesOut, flag: "frames-out")
        guard messages > 0, size >= 0, patience > 0 else {
            throw ValidationError("--messages and --patience must be positive, --size not negative")
        }
    }

    func run() async throws {
        if curve { return try await runCurve() }
        let messages = self.messages
        let progress = ProgressTimer { "bench bus: \(messages) messages through libzmq alone, then the bus, \(Int($0.inSeconds)) s" }
        defer { progress.stop() }
        let throughput = Throughput(messages: messages, body: [UInt8](repeating: 0x5A, count: size), patience: .seconds(patience))
        let options = host.socketOptions
        let raw = try await DedicatedThread.run(name: "bench-raw") { try throughput.measureRawSingleHop(options: options) }
        let target = (framesIn ?? host.endpoints.framesIn, framesOut ?? host.endpoints.framesOut)
        let probeTimeout = Duration.seconds(min(patience, 1))
        let reachable = try await DedicatedThread.run(name: "bench-probe") {
            try BusProbe.isReachable(target.0, options: options, timeout: probeTimeout)
        }
        if reachable {
            let bus = try await measure(throughput, endpoints: target)
            Output.line(BenchReport.render(bus: bus, busLabel: "tw-bus at \(target.0)", raw: raw))
            return
        }
        let started = try await BusProcess.start(instance: "bench-\(getpid())", timeout: .seconds(patience * 3))
        defer { started.stop(patience: .seconds(3)) }
        let endpoints = (">" + started.endpoint(.framesIn), ">" + started.endpoint(.framesOut))
        let bus = try await measure(throughput, endpoints: endpoints)
        Output.line(BenchReport.render(bus: bus, busLabel: "tw-bus started at \(endpoints.0)", raw: raw))
    }

    /// A plaintext and a CURVE bus of its own, one after the other, through the same measurement.
    private func runCurve() async throws {
        let throughput = Throughput(messages: messages, body: [UInt8](repeating: 0x5A, count: size), patience: .seconds(patience))
        let plain = try await BusProcess.start(instance: "bench-plain-\(getpid())", timeout: .seconds(patience * 3))
        let plainResult = try await measure(throughput, endpoints: (">" + plain.endpoint(.framesIn), ">" + plain.endpoint(.framesOut)))
        plain.stop(patience: .seconds(3))
        let (server, client) = (try CurveKeyPair.generate(), try CurveKeyPair.generate())
        let allow = FileManager.default.temporaryDirectory.appendingPathComponent("bench-curve-allow-\(getpid())")
        try client.publicKey.write(to: allow, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: allow) }
        let secured = try await BusProcess.start(
            instance: "bench-curve-\(getpid())", arguments: ["--curve-allow", allow.path],
            environment: ["TW_CURVE_PUBLIC_KEY": server.publicKey, "TW_CURVE_SECRET_KEY": server.secretKey], timeout: .seconds(patience * 3)
        )
        defer { secured.stop(patience: .seconds(3)) }
        let options = host.socketOptions.with {
            $0.curve = .client(serverKey: server.publicKey, publicKey: client.publicKey, secretKey: client.secretKey)
        }
        let curveResult = try await measure(
            throughput, endpoints: (">" + secured.endpoint(.framesIn), ">" + secured.endpoint(.framesOut)), options: options
        )
        Output.line(BenchReport.renderCurve(curve: curveResult, plain: plainResult))
    }

    /// Through the frames channel at `endpoints` (in, out), on a thread of its own.
    private func measure(_ throughput: Throughput, endpoints: (String, String), options: SocketOptions? = nil) async throws -> Throughput.Result {
        let options = options ?? host.socketOptions
        return try await DedicatedThread.run(name: "bench-bus") {
            let context = try Context()
            defer { context.terminate() }
            let pull = try context.socket(.pull, endpoints: endpoints.1, options: options)
            defer { pull.close() }
            let push = try context.socket(.push, endpoints: endpoints.0, options: options)
            defer { push.close() }
            return try throughput.measure(push: push, pull: pull, context: context)
        }
    }
}

/// Whether a bus listens at an endpoint: a PUSH with `ZMQ_IMMEDIATE` becomes sendable only once a
/// connection is complete. Blocking.
enum BusProbe {
    static func isReachable(_ endpoints: String, options: SocketOptions, timeout: Duration) throws -> Bool {
        let context = try Context()
        defer { context.terminate() }
        let socket = try context.socket(.push, endpoints: endpoints, options: options.with { $0.lingerMs = 0 })
        defer { socket.close() }
        return try socket.waitUntilSendable(timeout: timeout)
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

    static func renderCurve(curve: Throughput.Result, plain: Throughput.Result) -> String {
        let ratio = plain.messagesPerSecond > 0 ? curve.messagesPerSecond / plain.messagesPerSecond : 0
        return [
            line("curve", curve, "tw-bus with CURVE and a ZAP allow-list, frames channel"),
            line("plain", plain, "tw-bus plaintext, frames channel, same run"),
            String(format: "ratio curve/plain: %.2f", ratio),
        ].joined(separator: "\n")
    }

    private static func line(_ name: String, _ result: Throughput.Result, _ label: String) -> String {
        String(format: "%@: %.0f msg/s (%d messages of %d bytes in %.3f s; %@)",
               name, result.messagesPerSecond, result.messages, result.bodyBytes, result.seconds, label)
    }
}
