/// Which events a fence raises. A GeoJSON `detect` list or a `Geofence.detect` names them; an
/// empty or absent list means all of them.
public struct Detections: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let enter = Detections(rawValue: 1 << 0)
    public static let exit = Detections(rawValue: 1 << 1)
    public static let dwell = Detections(rawValue: 1 << 2)
    public static let cross = Detections(rawValue: 1 << 3)
    public static let overspeed = Detections(rawValue: 1 << 4)
    public static let all: Detections = [.enter, .exit, .dwell, .cross, .overspeed]

    /// Each detection by the event kind's short name.
    static let byName: [String: Detections] = [
        "enter": .enter, "exit": .exit, "dwell": .dwell, "cross": .cross, "overspeed": .overspeed,
    ]

    /// The detections named in a list; empty means all. Throws for an unknown name.
    public init(names: [String]) throws(FenceError) {
        guard !names.isEmpty else {
            self = .all
            return
        }
        var detections: Detections = []
        for name in names {
            guard let detection = Self.byName[name] else {
                throw FenceError("detect: '\(name)' is not one of enter, exit, dwell, cross, overspeed")
            }
            detections.insert(detection)
        }
        self = detections
    }
}

/// A geofence ready for detection: its shape and the rules that apply inside it.
public struct Fence: Sendable {
    /// Unique id, as in the storage API and `Event.geofence_id`.
    public var id: String
    /// A name for people; the id when none was given.
    public var name: String
    /// The area.
    public var shape: FenceShape
    /// Speed limit inside, km/h; 0 means none.
    public var speedLimitKmh: Double
    /// Seconds inside after which a dwell event is raised; 0 means never.
    public var dwellSeconds: Double
    /// Which events to raise.
    public var detections: Detections
    /// Unix milliseconds of the last change (`Geofence.updated_ms`), so a late, older change is ignored.
    public var updatedMs: Int64

    /// A fence from its parts.
    public init(
        id: String, name: String? = nil, shape: FenceShape, speedLimitKmh: Double = 0, dwellSeconds: Double = 0,
        detections: Detections = .all, updatedMs: Int64 = 0
    ) {
        self.id = id
        self.name = name ?? id
        self.shape = shape
        self.speedLimitKmh = speedLimitKmh
        self.dwellSeconds = dwellSeconds
        self.detections = detections
        self.updatedMs = updatedMs
    }
}

/// A fence definition that cannot be used, with the reason.
public struct FenceError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
