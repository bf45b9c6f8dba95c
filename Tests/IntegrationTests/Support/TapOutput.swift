import Foundation
import Testing
import TrackwireProtocol

/// Reads `tw tap`'s JSON lines back into messages, so tests compare field values, not text.
enum TapOutput {
    /// The topic and the Position of one tap line (its body is the one position JSON, `PositionJSON`).
    static func position(fromLine line: String) throws -> (topic: String, position: Position) {
        let object = try JSONValue.parse(Array(line.utf8))
        let topic = try #require(object["topic"]?.stringValue, "no topic in: \(line)")
        let body = try #require(object["body"], "no decoded body in: \(line)")
        return (topic, try #require(PositionJSON.parse(body), "not a position: \(line)"))
    }

    /// The topic and the Position of a line whose body is the proto3 JSON mapping (what Python's
    /// `json_format` prints).
    static func position(fromProtobufJSONLine line: String) throws -> (topic: String, position: Position) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        let topic = try #require(object["topic"] as? String)
        let body = try JSONSerialization.data(withJSONObject: try #require(object["body"], "no body in: \(line)"))
        return (topic, try Position(jsonUTF8Data: body))
    }
}

/// A Position with every kind of field set, as a device decoder would produce it. The one
/// position JSON leaves the frame reference out: compare tapped positions with `sampleWithoutFrame`.
let samplePosition = Position.with {
    $0.deviceID = "356307042441013"
    $0.protocol = "gt06"
    $0.fixTimeMs = 1_700_000_000_123
    $0.deviceTimeMs = 1_700_000_000_000
    $0.serverTimeNs = 1_700_000_000_456_000_789
    $0.latitude = 52.520008
    $0.longitude = 13.404954
    $0.altitudeM = 34.5
    $0.speedKmh = 48.2
    $0.courseDeg = 271
    $0.satellites = 9
    $0.hdop = 0.9
    $0.valid = true
    $0.attributes = ["ignition": .bool(true), "odometer_m": .int(123_456), "battery_v": .double(12.6), "alarm": .string("sos")]
    $0.frame = .with { $0.gatewayID = "gw-1"; $0.sessionID = 7; $0.sequence = 42 }
}

/// `samplePosition` as its JSON carries it: without the frame reference.
let sampleWithoutFrame: Position = {
    var position = samplePosition
    position.clearFrame()
    return position
}()
