import Foundation
import Storage
import TrackwireProtocol

/// Messages and places the storage tests share.
enum StorageSamples {
    /// A fresh directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tw-storage-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A position with every kind of value set, so a round trip that loses anything shows.
    static func position(
        device: String = "356307042441013", fixTimeMs: Int64, sequence: UInt64 = 1, session: UInt64 = 7, gateway: String = "gw1"
    ) -> Position {
        .with {
            $0.deviceID = device
            $0.protocol = "gt06"
            $0.fixTimeMs = fixTimeMs
            $0.deviceTimeMs = fixTimeMs - 1
            $0.serverTimeNs = (fixTimeMs + 250) * 1_000_000
            $0.latitude = 52.520_008 + Double(fixTimeMs % 1000) * 1e-6
            $0.longitude = 13.404_954
            $0.altitudeM = 34.5
            $0.speedKmh = 42.25
            $0.courseDeg = 271
            $0.satellites = 9
            $0.hdop = 0.9
            $0.valid = true
            $0.attributes = ["ignition": .bool(true), "odometer_m": .int(123_456), "battery_v": .double(12.6), "alarm": .string("sos")]
            $0.frame = .with {
                $0.gatewayID = gateway
                $0.sessionID = session
                $0.sequence = sequence
            }
        }
    }

    static func event(id: String = "", device: String = "356307042441013", kind: EventKind = .geofenceEnter, timeMs: Int64, fence: String = "depot") -> Event {
        .with {
            $0.id = id
            $0.deviceID = device
            $0.kind = kind
            $0.timeMs = timeMs
            $0.geofenceID = fence
            $0.source = "geofence"
        }
    }

    static func session(device: String = "356307042441013", state: SessionState, timeMs: Int64, session: UInt64 = 7) -> Session {
        .with {
            $0.gatewayID = "gw1"
            $0.sessionID = session
            $0.deviceID = device
            $0.protocol = "gt06"
            $0.state = state
            $0.timeNs = timeMs * 1_000_000
        }
    }

    static func reject(stage: String = "decoder", timeMs: Int64) -> Reject {
        .with {
            $0.stage = stage
            $0.instance = "dec-1"
            $0.reason = "the CRC does not match"
            $0.errorType = "bad_crc"
            $0.topic = "raw.2a.356307042441013"
            $0.body = Data([0x78, 0x78, 0x01])
            $0.timeMs = timeMs
        }
    }
}

/// A SQLite backend on a fresh file, removed with its directory by `close`.
final class SQLiteFixture {
    let directory: URL
    let backend: SQLiteBackend
    var path: String { backend.path }

    init() async throws {
        directory = try StorageSamples.temporaryDirectory()
        backend = try SQLiteBackend(path: directory.appendingPathComponent("trackwire.db").path)
        try await backend.migrate()
    }

    func close() async {
        try? await backend.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
