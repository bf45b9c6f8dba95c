/// How sure the detector must be before it raises an event. Set from `tw-geofence` flags.
public struct DetectionSettings: Sendable, Equatable {
    /// Consecutive fixes on the other side of a boundary before enter or exit is believed, so GPS
    /// jitter at a boundary raises one event, not one per fix.
    public var minimumFixes: Int
    /// And the time from the first to the last of those fixes, in milliseconds.
    public var minimumDurationMs: Int64
    /// How long speed must stay above a fence's limit, in milliseconds, before overspeed is raised.
    public var overspeedDurationMs: Int64
    /// The longest step between two fixes, in metres, that is searched for crossed fences. A
    /// longer one (a gap in reporting, a GPS jump) says nothing reliable about the way taken, and
    /// searching its box would cost as many exact tests as there are fences under it.
    public var crossMaximumMetres: Double

    /// Settings; by default two fixes, no minimum time, 10 s above the limit, and crossings
    /// looked for on steps up to 10 km.
    public init(minimumFixes: Int = 2, minimumDurationMs: Int64 = 0, overspeedDurationMs: Int64 = 10_000, crossMaximumMetres: Double = 10_000) {
        self.minimumFixes = minimumFixes
        self.minimumDurationMs = minimumDurationMs
        self.overspeedDurationMs = overspeedDurationMs
        self.crossMaximumMetres = crossMaximumMetres
    }
}
