import NIOCore
import PostgresNIO
import SwiftProtobuf
import TrackwireProtocol

/// One batch as column arrays, encoded once (so a retry does not re-encode), and the one statement
/// that inserts it: a multi-row `INSERT ... SELECT FROM unnest(...)` per table.
/// Rows are sorted by key, so writers touching the same keys lock them in the same order.
struct PostgresBatchRows: Sendable {
    private(set) var positionCount = 0
    private var positions = PositionColumns()
    private var events = EventColumns()
    private var sessions = SessionColumns()
    private var deadLetters = DeadLetterColumns()
    private var devices = DeviceColumns()
    /// The days (see `PostgresPartitions.day(of:)`) of the batch's fix times.
    private(set) var positionDays = Set<Int64>()

    init(_ batch: WriteBatch) throws {
        for position in batch.positions.sorted(by: { ($0.deviceID, $0.fixTimeMs) < ($1.deviceID, $1.fixTimeMs) }) {
            try positions.append(position)
            positionDays.insert(PostgresPartitions.day(of: position.fixTimeMs))
        }
        positionCount = batch.positions.count
        for event in batch.events.sorted(by: { $0.storageID < $1.storageID }) { try events.append(event) }
        for session in batch.sessions.sorted(by: SessionColumns.keyOrder) { try sessions.append(session) }
        for reject in batch.rejects { try deadLetters.append(reject) }
        for device in DeviceActivity.of(batch) { try devices.append(device) }
    }

    /// The whole batch as one statement: a data-modifying CTE per table (so one round trip and one
    /// implicit transaction), answering how many positions, events, sessions and dead letters were
    /// new. Positions and events `ON CONFLICT DO NOTHING`; devices merged (see `DeviceColumns`).
    var statement: PostgresQuery {
        """
        WITH new_positions AS (
            INSERT INTO positions (device_id, fix_time_ms, fingerprint, latitude, longitude, body)
            SELECT * FROM unnest(\(positions.deviceIDs)::text[], \(positions.fixTimes)::int8[], \(positions.fingerprints)::int8[],
                \(positions.latitudes)::float8[], \(positions.longitudes)::float8[], \(positions.bodies)::bytea[])
            ON CONFLICT DO NOTHING RETURNING 1),
        new_events AS (
            INSERT INTO events (id, device_id, kind, time_ms, geofence_id, body)
            SELECT * FROM unnest(\(events.ids)::text[], \(events.deviceIDs)::text[], \(events.kinds)::text[],
                \(events.times)::int8[], \(events.geofenceIDs)::text[], \(events.bodies)::bytea[])
            ON CONFLICT DO NOTHING RETURNING 1),
        new_sessions AS (
            INSERT INTO sessions (gateway_id, session_id, state, device_id, time_ns, body)
            SELECT * FROM unnest(\(sessions.gatewayIDs)::text[], \(sessions.sessionIDs)::int8[], \(sessions.states)::int2[],
                \(sessions.deviceIDs)::text[], \(sessions.times)::int8[], \(sessions.bodies)::bytea[])
            ON CONFLICT DO NOTHING RETURNING 1),
        new_dead_letters AS (
            INSERT INTO dead_letters (stage, error_type, topic, time_ms, body)
            SELECT * FROM unnest(\(deadLetters.stages)::text[], \(deadLetters.errorTypes)::text[],
                \(deadLetters.topics)::text[], \(deadLetters.times)::int8[], \(deadLetters.bodies)::bytea[])
            RETURNING 1),
        merged_devices AS (
            INSERT INTO devices AS d (id, protocol, first_seen_ms, last_seen_ms, last_fix_time_ms, last_position, online, session_time_ns)
            SELECT id, protocol, first_seen, last_seen,
                NULLIF(last_fix, -9223372036854775808), NULLIF(last_position, ''::bytea),
                CASE online WHEN 1 THEN true WHEN 0 THEN false END, NULLIF(session_time, -9223372036854775808)
            FROM unnest(\(devices.ids)::text[], \(devices.protocols)::text[], \(devices.firstSeen)::int8[], \(devices.lastSeen)::int8[],
                \(devices.lastFixTimes)::int8[], \(devices.lastPositions)::bytea[], \(devices.online)::int2[], \(devices.sessionTimes)::int8[])
                AS b(id, protocol, first_seen, last_seen, last_fix, last_position, online, session_time)
            ON CONFLICT (id) DO UPDATE SET \(unescaped: DeviceColumns.merge)
            RETURNING 1)
        SELECT (SELECT count(*) FROM new_positions), (SELECT count(*) FROM new_events),
            (SELECT count(*) FROM new_sessions), (SELECT count(*) FROM new_dead_letters)
        """
    }

    /// What the statement's answer row says.
    func outcome(stored: (positions: Int64, events: Int64, sessions: Int64, deadLetters: Int64)) -> WriteOutcome {
        var outcome = WriteOutcome()
        outcome.positionsStored = Int(stored.positions)
        outcome.positionsDuplicate = positionCount - outcome.positionsStored
        outcome.eventsStored = Int(stored.events)
        outcome.eventsDuplicate = events.ids.count - outcome.eventsStored
        outcome.sessionsStored = Int(stored.sessions)
        outcome.deadLettersStored = Int(stored.deadLetters)
        return outcome
    }
}

/// A protobuf message as a `bytea` value.
func byteaBody(_ message: some SwiftProtobuf.Message) throws -> ByteBuffer {
    ByteBuffer(bytes: try message.serializedBytes() as [UInt8])
}

private struct PositionColumns {
    var deviceIDs: [String] = []
    var fixTimes: [Int64] = []
    var fingerprints: [Int64] = []
    var latitudes: [Double] = []
    var longitudes: [Double] = []
    var bodies: [ByteBuffer] = []

    mutating func append(_ position: PositionRow) throws {
        deviceIDs.append(position.deviceID)
        fixTimes.append(position.fixTimeMs)
        fingerprints.append(position.fingerprint)
        latitudes.append(position.latitude)
        longitudes.append(position.longitude)
        bodies.append(ByteBuffer(bytes: position.body))
    }
}

private struct EventColumns {
    var ids: [String] = []
    var deviceIDs: [String] = []
    var kinds: [String] = []
    var times: [Int64] = []
    var geofenceIDs: [String] = []
    var bodies: [ByteBuffer] = []

    mutating func append(_ event: Event) throws {
        ids.append(event.storageID)
        deviceIDs.append(event.deviceID)
        kinds.append(event.kind.topicName)
        times.append(event.timeMs)
        geofenceIDs.append(event.geofenceID)
        bodies.append(try byteaBody(event))
    }
}

private struct SessionColumns {
    var gatewayIDs: [String] = []
    var sessionIDs: [Int64] = []
    var states: [Int16] = []
    var deviceIDs: [String] = []
    var times: [Int64] = []
    var bodies: [ByteBuffer] = []

    static func keyOrder(_ a: Session, _ b: Session) -> Bool {
        (a.gatewayID, a.sessionID, a.state.rawValue) < (b.gatewayID, b.sessionID, b.state.rawValue)
    }

    mutating func append(_ session: Session) throws {
        gatewayIDs.append(session.gatewayID)
        sessionIDs.append(Int64(bitPattern: session.sessionID))
        states.append(Int16(clamping: session.state.rawValue))
        deviceIDs.append(session.deviceID)
        times.append(session.timeNs)
        bodies.append(try byteaBody(session))
    }
}

private struct DeadLetterColumns {
    var stages: [String] = []
    var errorTypes: [String] = []
    var topics: [String] = []
    var times: [Int64] = []
    var bodies: [ByteBuffer] = []

    mutating func append(_ reject: Reject) throws {
        stages.append(reject.stage)
        errorTypes.append(reject.errorType)
        topics.append(reject.topic)
        times.append(reject.timeMs)
        bodies.append(try byteaBody(reject))
    }
}

/// Device rows merged with `ON CONFLICT DO UPDATE`: earliest first seen, latest last seen, the newer
/// protocol, the position with the larger fix time, the session state with the later time. Absent
/// values travel as sentinels (arrays cannot hold NULL here) and become NULL in SQL.
private struct DeviceColumns {
    var ids: [String] = []
    var protocols: [String] = []
    var firstSeen: [Int64] = []
    var lastSeen: [Int64] = []
    var lastFixTimes: [Int64] = []
    var lastPositions: [ByteBuffer] = []
    /// -1 unknown, 0 offline, 1 online.
    var online: [Int16] = []
    var sessionTimes: [Int64] = []

    mutating func append(_ device: DeviceActivity) throws {
        ids.append(device.deviceID)
        protocols.append(device.protocolName)
        firstSeen.append(device.firstSeenMs)
        lastSeen.append(device.lastSeenMs)
        lastFixTimes.append(device.latestPosition?.fixTimeMs ?? .min)
        lastPositions.append(device.latestPosition.map { ByteBuffer(bytes: $0.body) } ?? ByteBuffer())
        online.append(device.online.map { $0 ? 1 : 0 } ?? -1)
        sessionTimes.append(device.sessionTimeNs ?? .min)
    }

    /// How a stored device row (`d`) and the batch's (`excluded`) combine.
    static let merge = """
        protocol = CASE WHEN excluded.protocol <> '' AND (d.protocol = '' OR excluded.last_seen_ms >= d.last_seen_ms)
            THEN excluded.protocol ELSE d.protocol END,
        first_seen_ms = LEAST(d.first_seen_ms, excluded.first_seen_ms),
        last_seen_ms = GREATEST(d.last_seen_ms, excluded.last_seen_ms),
        last_position = CASE WHEN excluded.last_fix_time_ms > d.last_fix_time_ms OR d.last_fix_time_ms IS NULL
            THEN COALESCE(excluded.last_position, d.last_position) ELSE d.last_position END,
        last_fix_time_ms = GREATEST(d.last_fix_time_ms, excluded.last_fix_time_ms),
        online = CASE WHEN excluded.session_time_ns >= d.session_time_ns OR d.session_time_ns IS NULL
            THEN COALESCE(excluded.online, d.online) ELSE d.online END,
        session_time_ns = GREATEST(d.session_time_ns, excluded.session_time_ns)
        """
}
