import Synchronization

/// One `/healthz` check's answer: healthy, or failing with a reason a person can act on (it is
/// the body's `reasons.<check>` and goes into heartbeats, so `tw status` shows it too).
public enum HealthStatus: Sendable, Equatable {
    case ok
    case failing(String)

    /// `.ok` when `healthy`, else failing with `reason`.
    public init(_ healthy: Bool, otherwise reason: @autoclosure () -> String) {
        self = healthy ? .ok : .failing(reason())
    }

    /// Whether the check passes.
    public var isOK: Bool { self == .ok }

    /// The reason it fails; `nil` when it passes.
    public var reason: String? {
        if case .failing(let reason) = self { return reason }
        return nil
    }
}

/// A health answer one task sets and a check reads (a stage's "loaded yet?" state).
public final class HealthState: Sendable {
    private let value: Mutex<HealthStatus>

    /// Starts with `initial`.
    public init(_ initial: HealthStatus) { value = Mutex(initial) }

    /// The current answer.
    public var status: HealthStatus {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
