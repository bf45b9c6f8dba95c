import TrackwireProtocol

/// What one client (or webhook) wants to receive: which devices, and which kinds of message.
/// A plain value: the hub filters each message by it exactly, after the bus's coarser prefix filter.
public struct Watch: Sendable, Equatable {
    /// Every device (`?all`), or only `devices`.
    public var allDevices: Bool
    /// The watched device ids when `allDevices` is false.
    public var devices: Set<String>
    /// The watched kinds; see `WatchKinds`.
    public var kinds: WatchKinds

    public init(allDevices: Bool = false, devices: Set<String> = [], kinds: WatchKinds = .everything) {
        self.allDevices = allDevices
        self.devices = devices
        self.kinds = kinds
    }

    /// Everything: all devices, all kinds.
    public static let everything = Watch(allDevices: true)

    /// Whether a message about `device` of `kind` (with `eventKind` for events) is wanted.
    public func accepts(device: String, kind: MessageKind, eventKind: String?) -> Bool {
        (allDevices || devices.contains(device)) && kinds.accepts(kind, eventKind: eventKind)
    }

    /// Whether anything about `device` can be wanted (history and snapshots).
    public func covers(device: String) -> Bool { allDevices || devices.contains(device) }

    /// The bus topic prefixes that deliver everything this watch accepts (and possibly more: the
    /// hub filters exactly after receipt, e.g. `pos.<pp>.a` also matches device `ab`).
    public var busPrefixes: Set<String> {
        var prefixes: Set<String> = []
        if kinds.positions {
            prefixes.formUnion(allDevices ? ["pos."] : devices.map { Topic.position(device: $0) })
        }
        if kinds.sessions {
            prefixes.formUnion(allDevices ? ["ses."] : devices.map { Topic.session(device: $0) })
        }
        if let events = kinds.events {
            if allDevices {
                prefixes.insert("evt.")
            } else if events.isEmpty {
                prefixes.formUnion(devices.map { Topic.eventPrefix(device: $0) })
            } else {
                for device in devices {
                    for name in events {
                        if let kind = EventKind(topicName: name) { prefixes.insert(Topic.event(device: device, kind: kind)) }
                    }
                }
            }
        }
        return prefixes
    }
}

/// The three streams a push client can watch.
public enum MessageKind: String, Sendable {
    case position, event, session
}

/// Which kinds of message a watch accepts: positions, sessions, and all events or only some event
/// kinds (by their topic names: `enter`, `overspeed`, ...).
public struct WatchKinds: Sendable, Equatable {
    public var positions: Bool
    public var sessions: Bool
    /// `nil`: no events; empty: every event kind; otherwise only these topic names.
    public var events: Set<String>?

    public init(positions: Bool, sessions: Bool, events: Set<String>?) {
        self.positions = positions
        self.sessions = sessions
        self.events = events
    }

    /// Positions, sessions and every event.
    public static let everything = WatchKinds(positions: true, sessions: true, events: [])
    /// Every event, nothing else (the webhook default).
    public static let allEvents = WatchKinds(positions: false, sessions: false, events: [])

    /// Parses a list of names: `position`, `session`, `event` (every event) or event topic names.
    public init(names: [String]) throws(WatchError) {
        self.init(positions: false, sessions: false, events: nil)
        for name in names {
            switch name {
            case "position", "positions", "pos": positions = true
            case "session", "sessions", "ses": sessions = true
            case "event", "events", "evt": events = []
            default:
                guard EventKind(topicName: name) != nil else {
                    throw WatchError("unknown kind '\(name)': use position, session, event or an event kind (enter, exit, overspeed, ...)")
                }
                if events?.isEmpty != true { events = (events ?? []).union([name]) }
            }
        }
    }

    /// Whether a message of `kind` is accepted.
    public func accepts(_ kind: MessageKind, eventKind: String?) -> Bool {
        switch kind {
        case .position: positions
        case .session: sessions
        case .event:
            if let events { events.isEmpty || eventKind.map(events.contains) == true } else { false }
        }
    }

    /// The names, as a client would write them.
    public var names: [String] {
        var names: [String] = []
        if positions { names.append("position") }
        if sessions { names.append("session") }
        if let events { names += events.isEmpty ? ["event"] : events.sorted() }
        return names
    }
}

/// A watch request a client got wrong: the reason goes back to the client.
public struct WatchError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
