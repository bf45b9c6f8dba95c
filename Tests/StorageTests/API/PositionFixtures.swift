import TrackwireProtocol
import TrackwireTesting

/// Positions for API tests.
enum PositionFixtures {
    /// A fix with every field set (`SamplePositions.full`), as storage keeps it: without the frame reference.
    static func full(device: String = "356307042441013", fixTimeMs: Int64 = 1_714_564_800_250) -> Position {
        var position = SamplePositions.full(device: device, fixTimeMs: fixTimeMs)
        position.clearFrame()
        return position
    }

    /// A fix at a place and speed, `seconds` after a fixed start.
    static func fix(_ seconds: Int, lat: Double, lon: Double, speed: Double, device: String = "d1", attributes: [String: AttributeValue] = [:]) -> Position {
        Position.with {
            $0.deviceID = device
            $0.fixTimeMs = 1_714_564_800_000 + Int64(seconds) * 1000
            $0.latitude = lat
            $0.longitude = lon
            $0.speedKmh = speed
            $0.valid = true
            $0.attributes = attributes
        }
    }
}
