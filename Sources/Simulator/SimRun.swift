import Codecs
import Atomics
import Foundation
import NIOCore
import NIOPosix
import TrackwireProtocol

/// A `tw sim` run: starts every device on a shared event loop group, reports once a second until
/// the duration passes or the process is interrupted, lets the devices drain their unacked
/// positions, and returns the final counters.
struct SimRun {
    let configuration: SimConfiguration
    let counters: [SimCounters]
    let ledger: SimLedger?

    init(configuration: SimConfiguration) throws {
        self.configuration = configuration
        ledger = try configuration.ledgerPath.map(SimLedger.init(path:))
        counters = configuration.protocols.map { SimCounters(protocolName: $0, acksPositions: SimProtocols.acksPositions($0)) }
    }

    /// An orchestration loop: start, report every second, stop, drain, report the summary.
    func run(interrupted: ManagedAtomic<Bool>, reporter: SimReporter) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.threads)
        let devices = makeDevices(group)
        for (index, device) in devices.enumerated() { device.start(after: configuration.startDelay(device: index)) }
        let start = ContinuousClock.now
        let end = configuration.durationMs.map { start + .milliseconds($0) }
        while !interrupted.load(ordering: .relaxed), end.map({ ContinuousClock.now < $0 }) ?? true {
            try? await Task.sleep(for: .milliseconds(100))
            reporter.tick(totals: snapshot, elapsed: start.duration(to: .now))
        }
        for device in devices { device.stop() }
        let drainEnd = ContinuousClock.now + .milliseconds(configuration.drainMs)
        while snapshot.connected > 0, ContinuousClock.now < drainEnd {
            try? await Task.sleep(for: .milliseconds(50))
        }
        for device in devices { try? await device.close().get() }
        try? await group.shutdownGracefully()
        ledger?.close()
        reporter.finish(totals: snapshot, protocols: counters, elapsed: start.duration(to: .now))
    }

    /// All protocols' counters added up.
    var snapshot: SimSnapshot { SimSnapshot.total(counters.map(\.snapshot)) }

    private func makeDevices(_ group: MultiThreadedEventLoopGroup) -> [SimulatedDevice] {
        (0..<configuration.devices).map { index in
            let name = configuration.protocolName(device: index)
            var random = SplitMix(seed: configuration.seed, stream: UInt64(index))
            let route = VehicleRoute(area: configuration.area, random: SplitMix(seed: random.next(), stream: 0))
            return SimulatedDevice(plan: configuration.plan(device: index), device: SimProtocols.named(name, host: configuration.host)!,
                                   route: route, random: random, counters: counters[index % counters.count], eventLoop: group.next(),
                                   ledger: ledger)
        }
    }
}
