import ArgumentParser
import BusTools
import Foundation
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// `tw bench push`: deliveries/s and bus→client latency of one tw-push with N WebSocket clients.
/// Starts its own tw-bus and tw-push (from tw's directory) on free loopback ports, connects the
/// clients (all watching every device), publishes positions on the bus at `--deliveries`/N per
/// second for `--seconds`, and counts what the clients receive.
struct BenchPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Measure deliveries/s and p99 bus→client latency of tw-push for N WebSocket clients."
    )

    @Option(help: "WebSocket clients, comma-separated for several runs.")
    var clients = "1000,10000"

    @Option(help: "Offered deliveries per second (positions published per second × clients).")
    var deliveries = 600_000

    @Option(help: "Seconds of publishing per run.")
    var seconds: Double = 5

    func validate() throws {
        guard seconds > 0, deliveries > 0, !clientCounts.isEmpty, clientCounts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--clients takes positive counts, --deliveries and --seconds must be positive")
        }
    }

    var clientCounts: [Int] { clients.split(separator: ",").compactMap { Int($0) } }

    func run() async throws {
        let render = RenderBenchmark.measure()
        Output.line(String(format: "push render: %.2f µs per position in the one position JSON, %.2f µs in proto3 JSON (push's format before issue 19): %.2fx as fast",
                           render.shared, render.protobuf, render.protobuf / render.shared))
        OpenFileLimit.raiseToHardLimit()  // 10 k clients need 10 k descriptors here and in push
        let bus = try await BusProcess.start(instance: "bench-\(getpid())")
        defer { bus.stop() }
        let port = FreePorts.one()
        let push = try await Self.startPush(bus: bus, port: port)
        defer { push.stop() }
        let context = try Context()
        defer { context.terminate() }
        let publisher = try context.socket(.pub, endpoints: ">" + bus.broadcastIn, options: SocketOptions().with { $0.lingerMs = 0 })
        defer { publisher.close() }
        for count in clientCounts {
            let seconds = self.seconds
            let progress = ProgressTimer { String(format: "bench push: %d clients, %.0f s (%.0f s of publishing, then draining)", count, $0.inSeconds, seconds) }
            defer { progress.stop() }
            let result = try await measure(clients: count, port: port, publisher: publisher, push: push.pid)
            Output.line(result)
        }
    }

    /// One run: connect, publish at the offered rate, drain, report (with the CPU push and these
    /// clients used meanwhile: they share the machine's cores).
    private func measure(clients count: Int, port: Int, publisher: Socket, push: Int32) async throws -> String {
        // Devices of this run only, so the clients' snapshots are empty and every frame after the
        // `hello` is a delivery of this run.
        let devices = (0..<100).map { "bench\(count)-\($0)" }
        let load = PushLoad(threads: 1)
        try await load.connect(count: count, host: "127.0.0.1", port: port, query: "?kinds=position&devices=" + devices.joined(separator: ","),
                               sampleEvery: max(1, count / 100))
        try await Task.sleep(for: .milliseconds(300))
        let rate = max(1, Double(deliveries) / Double(count))
        let messages = Int(rate * seconds)
        let start = ContinuousClock.now
        let cpuBefore = (push: ProcessSample(pid: push), bench: ProcessSample(pid: getpid()))
        for index in 0..<messages {
            let due = start + .seconds(Double(index) / rate)
            if due > .now { try await Task.sleep(until: due, clock: .continuous) }
            try publisher.send(topic: Topic.position(device: devices[index % 100]), body: Self.position(devices[index % 100], index))
        }
        let expected = messages * count
        let deadline = ContinuousClock.now + .seconds(30)
        var last = load.tally()
        var lastChange = ContinuousClock.now
        while last.frames < expected + count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            let now = load.tally()
            if now.frames != last.frames { lastChange = .now } else if ContinuousClock.now - lastChange > .seconds(3) { break }
            last = now
        }
        let elapsed = (lastChange - start).inSeconds
        let cpuWindow = (ContinuousClock.now - start).inSeconds
        let pushCPU = (ProcessSample(pid: push)?.cpuSeconds ?? .nan) - (cpuBefore.push?.cpuSeconds ?? .nan)
        let benchCPU = (ProcessSample(pid: getpid())?.cpuSeconds ?? .nan) - (cpuBefore.bench?.cpuSeconds ?? .nan)
        var tally = load.tally()
        tally.frames -= count  // the hellos
        await load.shutdown()
        let latencies = tally.latenciesNs.sorted()
        let p99 = latencies.isEmpty ? 0 : Double(latencies[min(latencies.count - 1, latencies.count * 99 / 100)]) / 1e6
        let p50 = latencies.isEmpty ? 0 : Double(latencies[latencies.count / 2]) / 1e6
        return String(format: "push: %d clients, %.0f deliveries/s (%d of %d offered in %.2f s), latency p50 %.1f ms p99 %.1f ms, %d clients disconnected; "
                      + "CPU push %.0f%% (%.2f µs per delivery), bench process %.0f%%; target >= 500000 deliveries/s",
                      count, Double(tally.frames) / max(elapsed, 0.001), tally.frames, expected, elapsed, p50, p99, tally.closed,
                      pushCPU / cpuWindow * 100, pushCPU / Double(max(tally.frames, 1)) * 1e6, benchCPU / cpuWindow * 100)
    }

    static func position(_ device: String, _ index: Int) -> [UInt8] {
        let position = Position.with {
            $0.deviceID = device
            $0.latitude = 52.5 + Double(index % 1000) / 10_000
            $0.longitude = 13.4
            $0.speedKmh = 42
            $0.serverTimeNs = Int64(Date().timeIntervalSince1970 * 1e9)
        }
        return (try? position.serializedBytes()) ?? []
    }

    /// A tw-push on `bus`, ready once it serves /healthz on `port`.
    static func startPush(bus: BusProcess, port: Int) async throws -> ChildProcess {
        try await ChildProcess.start("tw-push", [
            "--bus", bus.address, "--http", "127.0.0.1:\(port)", "--client-queue", "100000", "--history", "4",
            "--log-level", "warning", "--instance", "bench-push",
        ], ready: [.healthz(port: port)])
    }
}
