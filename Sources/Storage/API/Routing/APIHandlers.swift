import Foundation

/// What the API's handlers share: the database, the bus, the settings and a clock. Each concern's
/// handlers live in an `APIHandlers+<Concern>.swift` extension.
struct APIHandlers: Sendable {
    var store: any StoreBackend
    var outlet: any BusOutlet
    var configuration: APIConfiguration
    /// Unix ms now (geofence `updated_ms`, command `created_ms`).
    var now: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// A fresh id for a geofence or command the client did not name.
    static func newID() -> String { UUID().uuidString.lowercased() }
}
