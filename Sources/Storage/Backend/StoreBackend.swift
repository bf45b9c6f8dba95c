import TrackwireProtocol

/// What the storage stage needs from a database: commit batches idempotently, answer the API's
/// queries, and enforce retention. Two implementations: SQLite (embedded default) and PostgreSQL.
///
/// Every method may be called from any task. Writers: SQLite allows exactly one writing process;
/// PostgreSQL allows several storage instances to write at once.
public protocol StoreBackend: Sendable {
    /// Creates or upgrades the schema to the current version; safe to call on every start and from
    /// several processes at once.
    func migrate() async throws

    /// Commits one batch in one transaction. Idempotent: a position already stored under the same
    /// (device, fix time, `Position.fingerprint`), or an event with an id already stored, is counted
    /// as a duplicate and left as it is; distinct records that share a fix time are all kept. Updates each device's first/last seen, protocol, last position and session state.
    func write(_ batch: WriteBatch) async throws -> WriteOutcome

    /// Releases connections. Calls after this fail.
    func close() async throws

    // MARK: Reads (the HTTP API)

    /// Every known device, ordered by id.
    func devices() async throws -> [DeviceRecord]
    /// One device; `nil` when unknown.
    func device(id: String) async throws -> DeviceRecord?
    /// Positions ordered by (fix time, device id), at most `query.limit`, starting after `query.after`.
    func positions(_ query: PositionQuery) async throws -> PositionPage
    /// The newest position of each device (of `devices`, or all when `nil`).
    func latestPositions(devices: [String]?) async throws -> [Position]
    /// Events ordered by (time, id), filtered by `query`.
    func events(_ query: EventQuery) async throws -> [Event]
    /// Dead letters (stored rejects), newest first.
    func deadLetters(limit: Int, before id: Int64?) async throws -> [DeadLetter]
    /// One dead letter; `nil` when unknown.
    func deadLetter(id: Int64) async throws -> DeadLetter?

    // MARK: Configuration records

    /// Every geofence, ordered by id.
    func geofences() async throws -> [Geofence]
    /// One geofence; `nil` when unknown.
    func geofence(id: String) async throws -> Geofence?
    /// Inserts or replaces a geofence by id.
    func saveGeofence(_ geofence: Geofence) async throws
    /// Deletes a geofence; false when there was none.
    func deleteGeofence(id: String) async throws -> Bool
    /// Records a command sent through the API.
    func saveCommand(_ command: Command) async throws
    /// Commands of a device (or all), newest first.
    func commands(device: String?, limit: Int) async throws -> [Command]
    /// One command; `nil` when unknown.
    func command(id: String) async throws -> Command?
    /// Queued or sent commands whose `expires_ms` is at or before `nowMs`, soonest first (the
    /// expiry timer's work, `CommandExpiryService`).
    func commandsExpiring(by nowMs: Int64, limit: Int) async throws -> [Command]

    // MARK: Retention

    /// Removes positions, events, sessions and dead letters older than `cutoffMs` (unix ms), in a
    /// way that does not stall ingest: PostgreSQL drops whole time partitions (and deletes what is
    /// left of a partition that straddles the cutoff); SQLite deletes in chunks of at most
    /// `chunkRows` rows per transaction. Returns how many rows went.
    func removeData(olderThan cutoffMs: Int64, chunkRows: Int) async throws -> Int
    /// Keeps one position per device per `intervalMs` bucket among positions older than `cutoffMs`
    /// (the first of each bucket), removing the rest. Idempotent. Returns how many rows went.
    func downsample(olderThan cutoffMs: Int64, intervalMs: Int64, chunkRows: Int) async throws -> Int
}

/// Everything taken from the store queue since the last commit.
public struct WriteBatch: Sendable {
    /// Positions as their encoded bytes and indexed columns: storage never decodes a whole
    /// position on the way in (`PositionRow`).
    public var positions: [PositionRow] = []
    public var events: [Event] = []
    public var sessions: [Session] = []
    public var rejects: [Reject] = []
    /// Durable-ack requests (`ack.*` parts of store-queue messages): published, grouped per
    /// gateway, once the batch is committed. Not written to the database.
    public var ackRequests: [Ack] = []
    /// Gateways' command status reports (`cmd.*` on the store queue): applied to the stored
    /// commands after the commit (`CommandLedger`), not written as records.
    public var commandReports: [Command] = []

    public init(positions: [Position] = [], events: [Event] = [], sessions: [Session] = [], rejects: [Reject] = [], ackRequests: [Ack] = []) {
        self.positions = positions.map(PositionRow.init)
        self.events = events
        self.sessions = sessions
        self.rejects = rejects
        self.ackRequests = ackRequests
    }

    /// Records in the batch (ack requests are not records).
    public var count: Int { positions.count + events.count + sessions.count + rejects.count }
    /// Whether there is nothing to commit and nothing to acknowledge.
    public var isEmpty: Bool { count == 0 && ackRequests.isEmpty && commandReports.isEmpty }
}

/// What a commit did.
public struct WriteOutcome: Sendable, Equatable {
    /// Positions newly stored.
    public var positionsStored = 0
    /// Positions already present: same device, fix time and fingerprint (a device's resend).
    public var positionsDuplicate = 0
    /// Events newly stored.
    public var eventsStored = 0
    /// Events already present under the same id.
    public var eventsDuplicate = 0
    public var sessionsStored = 0
    public var deadLettersStored = 0

    public init() {}
}

/// A device as storage knows it.
public struct DeviceRecord: Sendable, Equatable {
    public var id: String
    /// The protocol it last spoke.
    public var protocolName: String
    /// Unix ms of the first and last message seen from it.
    public var firstSeenMs: Int64
    public var lastSeenMs: Int64
    /// Its newest position (by fix time), if any.
    public var lastPosition: Position?
    /// Whether its last session was online; `nil` when no session was seen.
    public var online: Bool?

    public init(id: String, protocolName: String, firstSeenMs: Int64, lastSeenMs: Int64, lastPosition: Position? = nil, online: Bool? = nil) {
        self.id = id
        self.protocolName = protocolName
        self.firstSeenMs = firstSeenMs
        self.lastSeenMs = lastSeenMs
        self.lastPosition = lastPosition
        self.online = online
    }
}

/// A page position of the history: strictly after this (fix time, device, fingerprint) triple.
public struct PositionCursor: Sendable, Hashable {
    public var fixTimeMs: Int64
    public var deviceID: String
    /// Orders records of one device that share a fix time; `Int64.min` for a cursor that only
    /// knows (fix time, device) (the first cursor format), which then resumes at the first of them.
    public var fingerprint: Int64

    public init(fixTimeMs: Int64, deviceID: String, fingerprint: Int64 = .min) {
        self.fixTimeMs = fixTimeMs
        self.deviceID = deviceID
        self.fingerprint = fingerprint
    }

    /// The cursor right after `position`.
    public init(after position: Position) {
        self.init(fixTimeMs: position.fixTimeMs, deviceID: position.deviceID, fingerprint: position.fingerprint)
    }
}

/// A request for position history.
public struct PositionQuery: Sendable, Equatable {
    /// Devices to include; empty means all.
    public var devices: [String] = []
    /// Inclusive lower and exclusive upper bound on fix time (unix ms).
    public var fromMs: Int64?
    public var toMs: Int64?
    public var limit: Int = 1000
    /// Continue after this cursor (from the previous page's `next`).
    public var after: PositionCursor?

    public init(devices: [String] = [], fromMs: Int64? = nil, toMs: Int64? = nil, limit: Int = 1000, after: PositionCursor? = nil) {
        self.devices = devices
        self.fromMs = fromMs
        self.toMs = toMs
        self.limit = limit
        self.after = after
    }
}

/// One page of position history.
public struct PositionPage: Sendable {
    public var positions: [Position]
    /// Where the next page starts; `nil` when this page is the last.
    public var next: PositionCursor?

    public init(positions: [Position], next: PositionCursor?) {
        self.positions = positions
        self.next = next
    }
}

/// A request for stored events.
public struct EventQuery: Sendable, Equatable {
    /// Empty means all devices / all kinds.
    public var devices: [String] = []
    public var kinds: [EventKind] = []
    /// Inclusive lower and exclusive upper bound on event time (unix ms).
    public var fromMs: Int64?
    public var toMs: Int64?
    public var limit: Int = 1000

    public init(devices: [String] = [], kinds: [EventKind] = [], fromMs: Int64? = nil, toMs: Int64? = nil, limit: Int = 1000) {
        self.devices = devices
        self.kinds = kinds
        self.fromMs = fromMs
        self.toMs = toMs
        self.limit = limit
    }
}

/// A stored reject: what a stage refused, kept so it can be inspected and replayed.
public struct DeadLetter: Sendable, Equatable {
    /// Assigned by the store, increasing.
    public var id: Int64
    public var reject: Reject

    public init(id: Int64, reject: Reject) {
        self.id = id
        self.reject = reject
    }
}
