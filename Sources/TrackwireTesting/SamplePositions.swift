import TrackwireProtocol

/// Positions for tests and benchmarks that need every field set.
public enum SamplePositions {
    /// A fix with every field set, one attribute of each type and awkward doubles (`0.1 + 0.2`, a
    /// whole `12.0`, digits to the last place), and a frame reference.
    public static func full(device: String = "356307042441013", fixTimeMs: Int64 = 1_714_564_800_250) -> Position {
        Position.with {
            $0.deviceID = device
            $0.protocol = "gt06"
            $0.fixTimeMs = fixTimeMs
            $0.deviceTimeMs = fixTimeMs - 1000
            $0.serverTimeNs = fixTimeMs * 1_000_000 + 123_456
            $0.latitude = 52.520_008_123_456_789
            $0.longitude = 13.404_954_000_000_001
            $0.altitudeM = 34.5
            $0.speedKmh = 0.1 + 0.2
            $0.courseDeg = 359.99
            $0.satellites = 9
            $0.hdop = 0.8
            $0.valid = true
            $0.attributes = ["ignition": .bool(true), "odometer": .int(123_456), "battery": .double(12.0), "alarm": .string("sos,\"quoted\"")]
            $0.frame = .with { $0.gatewayID = "gw-1"; $0.sessionID = 7; $0.sequence = 42 }
        }
    }
}
