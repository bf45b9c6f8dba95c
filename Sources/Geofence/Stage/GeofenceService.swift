import Foundation
import ServiceLifecycle
import TrackwireRuntime
import ZMQ

/// The geofence stage as a `Service`: subscribes first (so no `cfg.geofence` change is missed
/// while loading), loads the fences and restores the last state snapshot, then runs
/// `GeofenceLoop` on a dedicated thread until graceful shutdown or cancellation.
public struct GeofenceService: Service {
    let context: StageContext
    let configuration: GeofenceConfiguration

    /// A geofence instance for `context`'s process, wired as `configuration` says.
    public init(context: StageContext, configuration: GeofenceConfiguration) {
        self.context = context
        self.configuration = configuration
    }

    /// Runs until graceful shutdown or cancellation, then snapshots and returns; throws if a socket
    /// cannot be opened or the fences cannot be loaded.
    public func run() async throws {
        let (context, configuration) = (self.context, self.configuration)
        let input = try context.socket(.sub, endpoints: configuration.subscribe) { $0.subscriptions = configuration.subscriptions }
        let fences = HealthState(.failing("loading the fences from \(configuration.source) (retried until --fetch-timeout)"))
        context.addHealthCheck("fences") { fences.status }
        let (detector, metrics): (GeofenceDetector, GeofenceMetrics)
        do {
            (detector, metrics) = try await cancelWhenGracefulShutdown { try await prepareDetector() }
        } catch {
            fences.status = .failing("the fences could not be loaded: \(error)")
            input.close()
            throw error
        }
        fences.status = .ok
        let sizes = metrics.current
        context.counters.gauge("fences") { Double(sizes.fences.load(ordering: .relaxed)) }
        context.counters.gauge("devices") { Double(sizes.devices.load(ordering: .relaxed)) }
        let stop = StopSignal(drainTimeout: configuration.drainTimeout.duration)
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await DedicatedThread.run(name: "geofence") {
                    try GeofenceLoop(input: input, detector: detector, context: context, configuration: configuration, metrics: metrics, stop: stop).run()
                }
            } onGracefulShutdown: {
                context.logger.info("geofence stopping: no more positions taken, delivering events in hand")
                stop.request()
            }
        } onCancel: {
            stop.request()
        }
    }

    /// The fences from the configured source and the state from the last snapshot.
    private func prepareDetector() async throws -> (GeofenceDetector, GeofenceMetrics) {
        let logger = context.logger
        var metrics = GeofenceMetrics(context.counters)
        let (fences, problems) = try await configuration.source.load(
            patience: configuration.fetchTimeout.duration, token: configuration.apiToken, logger: logger
        )
        for problem in problems {
            metrics.error("bad_fence")
            logger.warning("fence skipped", metadata: ["problem": "\(problem)"])
        }
        metrics.loaded(fences.count)
        var detector = GeofenceDetector(fences: FenceIndex(fences), settings: configuration.detection, state: restoredState(),
                                        deviceEvents: configuration.deviceEvents)
        detector.retainDevices(where: configuration.shard.owns(device:))
        metrics.sizes(fences: detector.fences.count, devices: detector.state.devices.count)
        logger.info("geofence up", metadata: [
            "fences": "\(fences.count)", "devices_restored": "\(detector.state.devices.count)", "shard": "\(configuration.shard)",
            "subscribe": "\(configuration.subscribe)", "publish": "\(configuration.publish)", "store": "\(configuration.store)",
        ])
        return (detector, metrics)
    }

    /// The last snapshot; an unreadable one is set aside (and logged) and the stage starts afresh.
    private func restoredState() -> DetectorState {
        let store = StateStore(directory: configuration.stateDirectory)
        do {
            return try store.load() ?? DetectorState()
        } catch {
            let aside = store.file.path + ".unreadable-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.moveItem(atPath: store.file.path, toPath: aside)
            context.logger.error("state snapshot unreadable; starting without it", metadata: ["moved_to": "\(aside)", "error": "\(error)"])
            return DetectorState()
        }
    }
}
