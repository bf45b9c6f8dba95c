/// The state of one device with respect to one fence: which side it is believed to be on, the run
/// of fixes that may change that belief, and what has been reported of the current visit. A plain
/// value with mutating steps that say what to raise, tested without any I/O.
public struct FenceVisit: Codable, Sendable, Equatable {
    /// Whether the device is believed inside.
    public var inside = false
    /// Consecutive fixes seen on the other side of the boundary.
    public var pendingFixes = 0
    /// Fix time of the first of those, unix ms.
    public var pendingSinceMs: Int64 = 0
    /// Fix time of the first fix of the current visit, unix ms (when inside).
    public var enteredMs: Int64 = 0
    /// Whether this visit's dwell event was raised.
    public var dwellReported = false
    /// Fix time from which speed has stayed above the limit, unix ms.
    public var overspeedSinceMs: Int64?
    /// Whether this overspeed episode was raised.
    public var overspeedReported = false

    /// A device believed outside, with nothing pending.
    public init() {}

    /// Outside with nothing pending: nothing worth keeping.
    public var isIdle: Bool { !inside && pendingFixes == 0 }

    /// A change of side, with the fix time at which the device first appeared on the new side.
    public enum Transition: Equatable, Sendable {
        case entered(sinceMs: Int64)
        case exited(sinceMs: Int64)
    }

    /// Takes one fix's side; returns the transition once enough fixes, over enough time, agree.
    public mutating func observe(inside observed: Bool, atMs time: Int64, settings: DetectionSettings) -> Transition? {
        guard observed != inside else {
            pendingFixes = 0
            return nil
        }
        if pendingFixes == 0 { pendingSinceMs = time }
        pendingFixes += 1
        guard pendingFixes >= settings.minimumFixes, time - pendingSinceMs >= settings.minimumDurationMs else { return nil }
        let since = pendingSinceMs
        self = FenceVisit()
        inside = observed
        if observed {
            enteredMs = since
            return .entered(sinceMs: since)
        }
        return .exited(sinceMs: since)
    }

    /// Whether a dwell event is due at this fix: inside for `dwellSeconds` and not yet reported.
    public mutating func dwellDue(atMs time: Int64, dwellSeconds: Double) -> Bool {
        guard inside, dwellSeconds > 0, !dwellReported, Double(time - enteredMs) >= dwellSeconds * 1000 else { return false }
        dwellReported = true
        return true
    }

    /// Whether an overspeed event is due at this fix: above the limit for the settings' duration
    /// and not yet reported. Falling to the limit or below ends the episode.
    public mutating func overspeedDue(speedKmh: Double, limitKmh: Double, atMs time: Int64, settings: DetectionSettings) -> Bool {
        guard inside, limitKmh > 0, speedKmh > limitKmh else {
            overspeedSinceMs = nil
            overspeedReported = false
            return false
        }
        let since = overspeedSinceMs ?? time
        overspeedSinceMs = since
        guard !overspeedReported, time - since >= settings.overspeedDurationMs else { return false }
        overspeedReported = true
        return true
    }
}
