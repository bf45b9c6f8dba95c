import BusTools
import Foundation
import TrackwireTesting

/// What one rate of `tw bench e2e` measured.
struct E2EStep: Codable {
    var offeredPerSecond: Int
    var devices: Int
    var seconds: Int
    /// Positions the simulated devices sent (first sends, not resends) and had acknowledged.
    var sent: Int
    var acked: Int
    var resent: Int
    /// Rows of this run's devices in SQLite when the sim ended, and after settling.
    var storedAtSimEnd: Int
    var stored: Int
    /// Position frames the WebSocket client received during the run and settling.
    var pushed: Int
    /// Whether the WebSocket client had been disconnected by the end of the run.
    var clientDisconnected: Bool
    /// Acked but not stored after settling.
    var lost: Int
    /// From the sim's end until storage stopped growing.
    var settleSeconds: Double
    var storedLatencyP50Ms: Double?
    var storedLatencyP99Ms: Double?
    var pushedLatencyP50Ms: Double?
    var pushedLatencyP99Ms: Double?
    /// The machine's cores busy over the run, in percent of all of them.
    var machineBusyPercent: Double
    /// Seconds the CPU figures cover: the sending and the settling after it.
    var wallSeconds: Double
    var processes: [ProcessUse]

    struct ProcessUse: Codable {
        var label: String
        /// CPU time over wall time of the run, in percent of one core.
        var cpuPercent: Double
        var peakRSSMegabytes: Double
    }

    func perSecond(_ count: Int) -> Double { Double(count) / Double(seconds) }

    var busiest: ProcessUse? { processes.max { $0.cpuPercent < $1.cpuPercent } }

    /// The simulator's label among `processes`; its CPU is the load, not the pipeline's.
    static let simLabel = "tw sim"

    /// Microseconds of one process's CPU per position stored in the step (`nil` when none was).
    func cpuMicrosecondsPerStored(_ use: ProcessUse) -> Double? {
        guard stored > 0 else { return nil }
        let seconds = use.label == Self.simLabel ? Double(self.seconds) : wallSeconds
        return use.cpuPercent / 100 * seconds / Double(stored) * 1e6
    }

    /// The pipeline's CPU per stored position: every stage's summed, the simulator apart (the
    /// issue's ≤ 50 µs target).
    var pipelineCPUMicrosecondsPerStored: Double? {
        let stages = processes.filter { $0.label != Self.simLabel }.compactMap(cpuMicrosecondsPerStored)
        return stages.isEmpty ? nil : stages.reduce(0, +)
    }

    var summaryLine: String {
        String(format: "e2e: offered %d/s: sent %.0f/s, acked %.0f/s, stored %.0f/s, pushed %.0f/s%@, lost %d; device→stored p50 %@ p99 %@, device→client p50 %@ p99 %@; machine %.0f%% busy, pipeline %@ of CPU per stored position, busiest %@ %.0f%%",
               offeredPerSecond, perSecond(sent), perSecond(acked), perSecond(storedAtSimEnd), perSecond(pushed),
               clientDisconnected ? " (the WebSocket client was disconnected)" : "", lost,
               E2EReport.ms(storedLatencyP50Ms), E2EReport.ms(storedLatencyP99Ms), E2EReport.ms(pushedLatencyP50Ms), E2EReport.ms(pushedLatencyP99Ms),
               machineBusyPercent, E2EReport.microseconds(pipelineCPUMicrosecondsPerStored), busiest?.label ?? "-", busiest?.cpuPercent ?? 0)
    }
}

/// Runs one rate: a `tw sim` of its own devices against the pipeline, then settling and readings.
struct E2EStepRunner {
    let pipeline: PipelineProcesses
    let client: PushLoad
    let store: StoredPositions
    let devices: Int
    let seconds: Int
    let protocols: [String]
    let settle: Int

    static let ageHistogram = "trackwire_storage_position_age_seconds"

    func run(rate: Int, index: Int) async throws -> E2EStep {
        // Each run has its own 15-digit id range, so its rows are counted apart from earlier runs'.
        let idBase: UInt64 = 860_000_000_000_000 + UInt64(index + 1) * 1_000_000
        let (firstID, lastID) = (String(idBase), String(idBase + UInt64(devices - 1)))
        let ageBefore = await storageAge()
        let pushedBefore = client.tally()
        let cpuBefore = pipeline.stages.map { ($0.label, $0.sample()) }
        let machineBefore = MachineCPU()
        let started = ContinuousClock.now

        // One sim per gateway, each with its share of the devices and of the rate.
        let gateways = pipeline.gatewayPorts.count
        var sims: [(process: ChildProcess, log: URL, peak: ProcessSample?)] = []
        var firstOfSim = idBase
        for gateway in 0..<gateways {
            let count = devices / gateways + (gateway < devices % gateways ? 1 : 0)
            guard count > 0 else { continue }
            let label = gateways == 1 ? "sim-\(rate)" : "sim-\(rate)-\(gateway + 1)"
            let process = try pipeline.simulate([
                "--devices", "\(count)", "--rate", "\(Double(rate) / Double(devices))", "--duration", "\(seconds)s", "--drain", "10s",
                "--id-base", "\(firstOfSim)", "--seed", "\(index * gateways + gateway + 1)", "--json",
            ], label: label, gateway: gateway)
            sims.append((process, pipeline.log(label), process.sample()))
            firstOfSim += UInt64(count)
        }
        while sims.contains(where: { $0.process.isRunning }) {
            try await Task.sleep(for: .milliseconds(200))
            if let exited = pipeline.exitedStage() { sims.forEach { $0.process.stop() }; throw OperatorFailure("bench e2e: \(exited)") }
            for i in sims.indices { if let sample = sims[i].process.sample() { sims[i].peak = sample } }
            if ContinuousClock.now - started > .seconds(seconds + 120) { sims.forEach { $0.process.stop() } }
        }
        var summary = (sent: 0, acked: 0, resent: 0)
        for sim in sims {
            guard let one = Self.finalSummary(in: sim.log) else {
                throw OperatorFailure("bench e2e: tw sim ended without its final summary (see \(sim.log.path))")
            }
            summary = (summary.sent + one.sent, summary.acked + one.acked, summary.resent + one.resent)
        }
        let simEnded = ContinuousClock.now
        let storedAtSimEnd = try store.count(devicesFrom: firstID, through: lastID)

        // Settle: until storage holds everything acked (and push has caught up), or stops growing.
        var stored = storedAtSimEnd
        var lastGrowth = simEnded
        while ContinuousClock.now - simEnded < .seconds(settle) {
            let pushed = client.counts().frames - pushedBefore.frames
            if stored >= summary.acked && pushed >= stored { break }
            if ContinuousClock.now - lastGrowth > .seconds(5) { break }
            try await Task.sleep(for: .milliseconds(250))
            let now = try store.count(devicesFrom: firstID, through: lastID)
            if now != stored { (stored, lastGrowth) = (now, .now) }
        }
        let wall = (ContinuousClock.now - started).inSeconds
        let machine = MachineCPU().busyPercent(since: machineBefore)
        let age = await storageAge().since(ageBefore)
        let pushedAfter = client.tally()
        let pushLatencies = pushedAfter.latenciesNs.dropFirst(pushedBefore.latenciesNs.count).sorted()

        var processes = zip(pipeline.stages, cpuBefore).compactMap { stage, before -> E2EStep.ProcessUse? in
            guard let before = before.1, let after = stage.sample() else { return nil }
            return .init(label: stage.label, cpuPercent: (after.cpuSeconds - before.cpuSeconds) / wall * 100,
                         peakRSSMegabytes: Double(after.peakRSSBytes) / 1_048_576)
        }
        let simPeaks = sims.compactMap(\.peak)
        if !simPeaks.isEmpty {
            // All sims as one load: their CPU and their peak memory summed.
            processes.append(.init(label: E2EStep.simLabel, cpuPercent: simPeaks.map(\.cpuSeconds).reduce(0, +) / (simEnded - started).inSeconds * 100,
                                   peakRSSMegabytes: Double(simPeaks.map(\.peakRSSBytes).reduce(0, +)) / 1_048_576))
        }
        return E2EStep(
            offeredPerSecond: rate, devices: devices, seconds: seconds,
            sent: summary.sent, acked: summary.acked, resent: summary.resent,
            storedAtSimEnd: storedAtSimEnd, stored: stored, pushed: pushedAfter.frames - pushedBefore.frames,
            clientDisconnected: pushedAfter.closed > 0, lost: max(0, summary.acked - stored), settleSeconds: max(0, (lastGrowth - simEnded).inSeconds),
            storedLatencyP50Ms: age.quantile(0.5).map { $0 * 1000 }, storedLatencyP99Ms: age.quantile(0.99).map { $0 * 1000 },
            pushedLatencyP50Ms: Self.percentile(pushLatencies, 0.5), pushedLatencyP99Ms: Self.percentile(pushLatencies, 0.99),
            machineBusyPercent: machine, wallSeconds: wall, processes: processes)
    }

    private func storageAge() async -> HistogramReading {
        let metrics = LocalHTTP.get(port: pipeline.storagePort, "/metrics")?.body ?? ""
        return HistogramReading(metrics: metrics, name: Self.ageHistogram)
    }

    /// The sim's `"final": true` JSON line.
    static func finalSummary(in log: URL) -> (sent: Int, acked: Int, resent: Int)? {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n").reversed() where line.hasPrefix("{") && line.contains("\"final\"") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let sent = object["sent"] as? Int, let acked = object["acked"] as? Int else { continue }
            return (sent, acked, object["resent"] as? Int ?? 0)
        }
        return nil
    }

    static func percentile(_ sortedNs: [Int64], _ q: Double) -> Double? {
        guard !sortedNs.isEmpty else { return nil }
        return Double(sortedNs[min(sortedNs.count - 1, Int(Double(sortedNs.count) * q))]) / 1e6
    }
}
