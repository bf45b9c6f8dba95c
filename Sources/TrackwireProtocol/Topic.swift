/// The first word of every bus topic, naming the body's message type (docs/architecture.md, "The bus"; protocol/README.md).
public enum TopicKind: String, Sendable, CaseIterable {
    case raw, pos, evt, ses, cmd, ack, cfg, hb, err
}

/// Builds and parses bus topics. One place knows their shape.
public enum Topic {
    /// The device placeholder used before a session has identified itself.
    public static let anonymousDevice = "-"

    /// `raw.<pp>.<device>`
    public static func raw(device: String) -> String { partitioned(.raw, device: device) }
    /// `pos.<pp>.<device>`
    public static func position(device: String) -> String { partitioned(.pos, device: device) }
    /// `evt.<pp>.<device>.<kind>`
    public static func event(device: String, kind: EventKind) -> String {
        partitioned(.evt, device: device) + "." + kind.topicName
    }
    /// `evt.<pp>.<device>.`: the prefix of every event topic of one device (for subscribing).
    public static func eventPrefix(device: String) -> String { partitioned(.evt, device: device) + "." }
    /// `ses.<pp>.<device>`
    public static func session(device: String) -> String { partitioned(.ses, device: device) }
    /// `cmd.<device>`
    public static func command(device: String) -> String { "cmd." + device }
    /// `ack.<gateway>`
    public static func ack(gateway: String) -> String { "ack." + gateway }
    /// `cfg.geofence`
    public static let geofenceConfig = "cfg.geofence"
    /// `hb.<stage>.<instance>`
    public static func heartbeat(stage: String, instance: String) -> String { "hb.\(stage).\(instance)" }
    /// `err.<stage>`
    public static func reject(stage: String) -> String { "err." + stage }

    private static func partitioned(_ kind: TopicKind, device: String) -> String {
        let id = device.isEmpty ? anonymousDevice : device
        let prefix = kind.rawValue
        var topic = ""
        topic.reserveCapacity(prefix.utf8.count + 4 + id.utf8.count)
        topic += prefix
        topic += "."
        topic += Partition.hexNames[Partition(device: id).number]
        topic += "."
        topic += id
        return topic
    }

    /// A topic taken apart. Device ids may contain dots only in the last position of `raw`, `pos`
    /// and `ses` topics; `evt` topics end with the kind, so their device id is everything between.
    public struct Parsed: Equatable, Sendable {
        public var kind: TopicKind
        public var partition: Partition?
        public var device: String?
        public var eventKind: String?
        public var rest: String?

        public init(kind: TopicKind, partition: Partition? = nil, device: String? = nil, eventKind: String? = nil, rest: String? = nil) {
            self.kind = kind
            self.partition = partition
            self.device = device
            self.eventKind = eventKind
            self.rest = rest
        }
    }

    /// Parses a topic; `nil` if its first word is unknown or a partitioned topic is malformed.
    public static func parse(_ topic: String) -> Parsed? {
        guard let dot = topic.firstIndex(of: ".") else {
            return TopicKind(rawValue: topic).map { Parsed(kind: $0) }
        }
        guard let kind = TopicKind(rawValue: String(topic[..<dot])) else { return nil }
        let tail = topic[topic.index(after: dot)...]
        switch kind {
        case .raw, .pos, .ses, .evt:
            let parts = tail.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let partition = Partition(hex: parts[0]), !parts[1].isEmpty else { return nil }
            var device = String(parts[1])
            var eventKind: String?
            if kind == .evt {
                guard let last = device.lastIndex(of: ".") else { return nil }
                eventKind = String(device[device.index(after: last)...])
                device = String(device[..<last])
            }
            return Parsed(kind: kind, partition: partition, device: device, eventKind: eventKind)
        case .cmd:
            return Parsed(kind: kind, device: String(tail))
        case .ack, .cfg, .hb, .err:
            return Parsed(kind: kind, rest: String(tail))
        }
    }
}


extension EventKind {
    /// The short name used as the last word of `evt.*` topics and in the API.
    public var topicName: String {
        switch self {
        case .deviceOnline: "online"
        case .deviceOffline: "offline"
        case .deviceMoving: "moving"
        case .deviceStopped: "stopped"
        case .geofenceEnter: "enter"
        case .geofenceExit: "exit"
        case .geofenceDwell: "dwell"
        case .geofenceCross: "cross"
        case .overspeed: "overspeed"
        case .alarm: "alarm"
        case .ignitionOn: "ignition_on"
        case .ignitionOff: "ignition_off"
        case .commandResult: "command_result"
        case .commandStatus: "command_status"
        default: "unspecified"
        }
    }

    /// The kind for a short name; `nil` if unknown.
    public init?(topicName: String) {
        guard let kind = Self.allCases.first(where: { $0.topicName == topicName && $0 != .unspecified }) else {
            return nil
        }
        self = kind
    }
}
