import Metrics
import Synchronization
import TrackwireRuntime

/// Push's telemetry (STYLE §9): `received` (bus messages), `sent{transport}` (deliveries to
/// clients), `clients_connected{transport}`, `clients_disconnected{reason}`, `dropped{reason}`,
/// `errors{error_type}`, `subscription_changes`, and the `trackwire_push_clients` gauge.
final class PushMetrics: Sendable {
    private let counters: StageCounters
    private let receivedCounter: StageCounter
    private let subscriptionChanges: StageCounter
    private let sentCounters: [Transport: StageCounter]
    private let connectedCounters: [Transport: StageCounter]
    private let clients: Gauge
    private let clientCount = Atomic<Int>(0)
    private let errorCounters = Mutex<[String: StageCounter]>([:])

    /// How a client is connected.
    enum Transport: String, CaseIterable, Sendable { case webSocket = "ws", sse }

    init(_ counters: StageCounters) {
        self.counters = counters
        receivedCounter = counters.counter("received")
        subscriptionChanges = counters.counter("subscription_changes")
        sentCounters = Dictionary(uniqueKeysWithValues: Transport.allCases.map { ($0, counters.counter("sent", labels: [("transport", $0.rawValue)])) })
        connectedCounters = Dictionary(uniqueKeysWithValues: Transport.allCases.map { ($0, counters.counter("clients_connected", labels: [("transport", $0.rawValue)])) })
        clients = Gauge(label: "trackwire_push_clients", dimensions: [("stage", counters.stage)])
        counters.gauge("clients") { [weak self] in Double(self?.clientCount.load(ordering: .relaxed) ?? 0) }
    }

    func received() { receivedCounter.increment() }
    func subscriptionChanged() { subscriptionChanges.increment() }
    func sent(_ count: Int, over transport: Transport) { sentCounters[transport]!.increment(by: count) }

    func connected(_ transport: Transport) {
        connectedCounters[transport]!.increment()
        clients.record(clientCount.add(1, ordering: .relaxed).newValue)
    }

    /// A client went away; `reason` is `closed` (by the client) or why push closed it.
    func disconnected(reason: String) {
        labelled("clients_disconnected", "reason", reason).increment()
        if reason == "slow_consumer" { labelled("dropped", "reason", "slow_client").increment() }
        clients.record(clientCount.add(-1, ordering: .relaxed).newValue)
    }

    func error(_ errorType: String) { labelled("errors", "error_type", errorType).increment() }

    /// A counter by name and one label, created once.
    func labelled(_ name: String, _ label: String, _ value: String) -> StageCounter {
        errorCounters.withLock { cache in
            let key = "\(name).\(value)"
            if let known = cache[key] { return known }
            let made = counters.counter(name, labels: [(label, value)])
            cache[key] = made
            return made
        }
    }
}
