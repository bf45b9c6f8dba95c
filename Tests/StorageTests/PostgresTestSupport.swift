import Foundation
import Logging
import Storage
import TrackwireProtocol
import TrackwireTesting

/// A fresh database on the test process's shared PostgreSQL server.
struct PostgresTestDatabase {
    let server: PostgresServer
    let name: String
    var url: String { server.url(database: name) }

    static func make() async throws -> PostgresTestDatabase {
        let server = try await PostgresServer.shared()
        return PostgresTestDatabase(server: server, name: try await server.createDatabase())
    }

    /// A migrated backend on this database, running for the duration of `body`.
    func withBackend<Result: Sendable>(
        policy: PartitionPolicy = PartitionPolicy(), _ body: (PostgresBackend) async throws -> Result
    ) async throws -> Result {
        let backend = try PostgresBackend(url: url, logger: .quietTests, partitionPolicy: policy)
        return try await backend.withRunning { backend in
            try await backend.migrate()
            return try await body(backend)
        }
    }

    /// What `sql` answers, rows joined by newlines.
    func scalar(_ sql: String) async throws -> String {
        try await server.psql(sql, database: name)
    }

    func count(_ sql: String) async throws -> Int {
        Int(try await scalar(sql)) ?? -1
    }
}

extension Logger {
    /// Warnings and errors only, so test output stays readable.
    static let quietTests: Logger = {
        var logger = Logger(label: "trackwire.tests.postgres")
        logger.logLevel = .warning
        return logger
    }()
}

/// Records with every field the schema must carry through unchanged.
enum StoreFixtures {
    static let dayMs: Int64 = 86_400_000

    static var nowMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func position(_ device: String, _ fixTimeMs: Int64, latitude: Double = 52.52, protocolName: String = "gt06") -> Position {
        var position = Position()
        position.deviceID = device
        position.protocol = protocolName
        position.fixTimeMs = fixTimeMs
        position.deviceTimeMs = fixTimeMs - 1
        position.serverTimeNs = fixTimeMs * 1_000_000 + 123
        position.latitude = latitude
        position.longitude = 13.404954
        position.altitudeM = 34.5
        position.speedKmh = 42.25
        position.courseDeg = 181
        position.satellites = 9
        position.hdop = 0.8
        position.valid = true
        var ignition = AttributeValue()
        ignition.boolValue = true
        var odometer = AttributeValue()
        odometer.doubleValue = 12_345.678
        position.attributes = ["ignition": ignition, "odometer": odometer]
        position.frame.gatewayID = "gw-1"
        position.frame.sessionID = 7
        position.frame.sequence = UInt64(max(0, fixTimeMs % 1_000_000))
        return position
    }

    static func event(_ id: String, _ device: String, _ kind: EventKind, _ timeMs: Int64) -> Event {
        var event = Event()
        event.id = id
        event.deviceID = device
        event.kind = kind
        event.timeMs = timeMs
        event.geofenceID = kind == .geofenceEnter ? "depot" : ""
        event.position = position(device, timeMs)
        event.source = "geofence"
        return event
    }

    static func session(_ device: String, _ state: SessionState, timeMs: Int64, id: UInt64 = 1) -> Session {
        var session = Session()
        session.gatewayID = "gw-1"
        session.sessionID = id
        session.deviceID = device
        session.protocol = "gt06"
        session.state = state
        session.timeNs = timeMs * 1_000_000
        return session
    }

    static func reject(_ reason: String, timeMs: Int64) -> Reject {
        var reject = Reject()
        reject.stage = "decoder"
        reject.instance = "d-1"
        reject.reason = reason
        reject.errorType = "bad_frame"
        reject.topic = "frm.00.x"
        reject.body = Data([0xDE, 0xAD, 0x00, 0xFF])
        reject.timeMs = timeMs
        return reject
    }
}
