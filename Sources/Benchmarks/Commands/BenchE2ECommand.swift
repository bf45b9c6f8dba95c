import ArgumentParser
import BusTools
import Codecs
import Foundation
import TrackwireTesting
import ZMQ

/// `tw bench e2e`: the whole pipeline under `tw sim` at increasing rates. Per rate it reports what
/// the devices sent and had acked, what SQLite committed and a WebSocket client received, what was
/// lost (acked but never stored), device → stored and device → client latency, and CPU and peak RSS
/// of every process; next to the raw libzmq single-hop rate measured in the same run.
struct BenchE2ECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "Run the whole pipeline and drive tw sim at increasing rates: sent, acked, stored, pushed, lost, latency, CPU and RSS.",
        discussion: """
            Starts tw-bus, tw-storage (SQLite in --work-dir), tw-push with one WebSocket client watching every \
            device, --geofences shards with 36 fences over the sim's area, --decoders decoders and a gateway, \
            all from tw's own directory on free loopback ports. Each rate runs its own devices (a new id range) \
            for --seconds, then waits up to --settle for storage to commit what was acked. Device → stored \
            latency is tw-storage's trackwire_storage_position_age_seconds histogram (commit time minus fix \
            time; bucket resolution); device → client is arrival minus the message's time_ms. Writes e2e.md, \
            e2e.json and (with python3 and matplotlib) e2e.png into --report.
            """
    )

    @Option(help: "Offered positions per second, comma-separated, one run each in this order.")
    var rates = "500,1000,2000,4000,8000"

    @Option(help: "Simulated devices per run (each sends rate/devices positions per second).")
    var devices = 500

    @Option(help: "Seconds of sending per run.")
    var seconds = 20

    @Option(help: "Protocols the devices speak, comma-separated. Above 1 position/s per device only teltonika keeps distinct fix times (the others stamp whole seconds, and storage keeps one position per device and fix time).")
    var protocols = "teltonika"

    @Option(help: "tw-decoder processes.")
    var decoders = 2

    @Option(help: "tw-gateway processes, each driven by a tw sim of its own with its share of the devices (one process holds at most its descriptor limit, 20 000 here).")
    var gateways = 1

    @Option(help: "tw-geofence shards (0: none).")
    var geofences = 1

    @Option(help: "Longest wait after a run for storage to commit what was acked, in seconds.")
    var settle = 30

    @Option(help: "Directory for e2e.md, e2e.json and e2e.png (default: print the table only).")
    var report: String?

    @Option(help: "Directory for the database and the stages' logs (default: a new one under /tmp).")
    var workDir: String?

    var rateList: [Int] { rates.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    var protocolList: [String] { protocols.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }

    func validate() throws {
        guard !rateList.isEmpty, rateList.allSatisfy({ $0 > 0 }), rateList.count == rates.split(separator: ",").count else {
            throw ValidationError("--rates takes positive integers, comma-separated")
        }
        guard devices > 0, seconds > 0, settle >= 0, decoders > 0, gateways > 0, geofences >= 0 else {
            throw ValidationError("--devices, --seconds, --decoders and --gateways must be positive; --settle and --geofences not negative")
        }
        // tw sim speaks every protocol the codecs decode (OperatorTests holds the two lists equal).
        let known = CodecRegistry.all.keys.sorted()
        let unknown = protocolList.filter { !known.contains($0) }
        guard unknown.isEmpty, !protocolList.isEmpty else {
            throw ValidationError("--protocols: unknown \(unknown.joined(separator: ",")); known: \(known.joined(separator: ","))")
        }
        let perDevice = Double(rateList.max()!) / Double(devices)
        if perDevice > 1, protocolList != ["teltonika"] {
            throw ValidationError("--rates up to \(rateList.max()!)/s over \(devices) devices is \(perDevice) positions/s per device: only teltonika stamps milliseconds; use --protocols teltonika or more --devices")
        }
    }

    func run() async throws {
        OpenFileLimit.raiseToHardLimit()
        let work = workDir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tw-bench-e2e-\(getpid())")
        Output.line("e2e: raw libzmq single hop (PUSH→PULL, tcp loopback, 100-byte bodies)…")
        let raw = try await DedicatedThread.run(name: "bench-raw") {
            try Throughput(messages: 500_000, body: [UInt8](repeating: 0x5A, count: 100), patience: .seconds(2))
                .measureRawSingleHop(options: SocketOptions())
        }
        Output.line(String(format: "e2e: raw libzmq %.0f msg/s", raw.messagesPerSecond))

        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let fences = work.appendingPathComponent("geofences.geojson")
        try E2EFences.write(to: fences)
        let pipeline = try await PipelineProcesses(.init(decoders: decoders, geofences: geofences, protocols: protocolList, workDirectory: work, fences: fences,
                                                                gateways: gateways))
        defer { pipeline.stop() }
        Output.line("e2e: pipeline up (logs in \(work.path)); storage \(pipeline.storageURL), push :\(pipeline.pushPort)")
        let client = PushLoad(threads: 1, latencyFrom: .deviceTime)
        try await client.connect(count: 1, host: "127.0.0.1", port: pipeline.pushPort, query: "?kinds=position", sampleEvery: 1)
        let store = try StoredPositions(path: pipeline.database.path)
        let runner = E2EStepRunner(pipeline: pipeline, client: client, store: store, devices: devices, seconds: seconds,
                                   protocols: protocolList, settle: settle)
        var steps: [E2EStep] = []
        for (index, rate) in rateList.enumerated() {
            Output.line("e2e: \(rate) positions/s offered by \(devices) devices\(gateways > 1 ? " over \(gateways) gateways" : "") for \(seconds) s…")
            let seconds = self.seconds
            let progress = ProgressTimer { String(format: "bench e2e: %d positions/s, %.0f s (%d s of load, then settling)", rate, $0.inSeconds, seconds) }
            defer { progress.stop() }
            let step = try await runner.run(rate: rate, index: index)
            Output.line(step.summaryLine)
            steps.append(step)
        }
        await client.shutdown()
        pipeline.stop()

        let result = E2EResult(command: CommandLine.arguments.dropFirst().joined(separator: " "), date: Date(),
                               cores: ProcessInfo.processInfo.activeProcessorCount, rawMessagesPerSecond: raw.messagesPerSecond,
                               decoders: decoders, gateways: gateways, geofences: geofences, protocols: protocolList, steps: steps)
        let markdown = E2EReport.markdown(result)
        Output.line("")
        Output.line(markdown)
        if let report {
            try E2EReport.write(result, markdown: markdown, to: URL(fileURLWithPath: report))
        }
    }
}
