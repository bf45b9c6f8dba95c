import TrackwireProtocol

/// The 34-byte statistics block SC reports start with: ACC-on time, UTC time, odometer (m), trip
/// (m), fuel used, current fuel, the status word and 8 reserved bytes (docs/protocols/castel.md
/// "SC position data").
struct CastelStatistics {
    static let size = 34

    let odometer: UInt64
    let trip: UInt64
    let fuelConsumption: UInt64
    let status: UInt64

    init(_ r: inout ByteReader) throws(DecodeError) {
        try r.skip(4 + 4)  // ACC-on time, UTC time
        odometer = try r.uintLE(4)
        trip = try r.uintLE(4)
        fuelConsumption = try r.uintLE(4)
        try r.skip(2)  // current fuel consumption
        status = try r.uintLE(4)
        try r.skip(8)
    }

    /// Odometer, trip, fuel used and status, and the status word's ignition (bit 18). With
    /// `alarms` (reports without fixes, as Traccar reads them) also its acceleration, braking and
    /// idle alarms (bits 4-6).
    func apply(to attributes: inout [String: AttributeValue], alarms withAlarms: Bool) {
        attributes["odometer"] = .int(odometer)
        attributes["tripOdometer"] = .int(trip)
        attributes["fuelConsumption"] = .int(fuelConsumption)
        attributes["status"] = .int(status)
        attributes["ignition"] = .bool(status & (1 << 18) != 0)
        guard withAlarms else { return }
        let alarms = [(4, "hardAcceleration"), (5, "hardBraking"), (6, "idle")].filter { status & (1 << $0.0) != 0 }.map(\.1)
        if !alarms.isEmpty { attributes["alarm"] = .string(alarms.joined(separator: ",")) }
    }
}
