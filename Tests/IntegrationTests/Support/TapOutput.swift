import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

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
let samplePosition = SamplePositions.full()

/// `samplePosition` as its JSON carries it: without the frame reference.
let sampleWithoutFrame: Position = {
    var position = samplePosition
    position.clearFrame()
    return position
}()
