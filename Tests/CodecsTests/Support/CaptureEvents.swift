import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// The events a decode must carry for its positions (docs/attributes.md): one `.alarm` event for
/// each alarm name a position's `alarm` lists, and a `.commandResult` event for each position
/// with a `result`. Shared by the JT808, Topin, Wialon, Ruptela and Galileo golden tests.
enum CaptureEvents {
    static func verify(_ decoded: Decoded, _ capture: Capture) {
        var expectedAlarms: [String] = []
        var expectedResults = 0
        for position in decoded.positions {
            if case .stringValue(let alarms)? = position.attributes["alarm"]?.kind {
                expectedAlarms += alarms.split(separator: ",").map(String.init)
            }
            if position.attributes["result"] != nil { expectedResults += 1 }
        }
        let alarmEvents = decoded.events.filter { $0.kind == .alarm }
        #expect(alarmEvents.compactMap { $0.attributes["device_alarm"]?.stringValue } == expectedAlarms, "alarm events of \(capture)")
        #expect(alarmEvents.compactMap { $0.attributes["alarm"]?.stringValue } == expectedAlarms.compactMap { Alarm(deviceName: $0)?.rawValue },
                "every alarm of \(capture) is in the vocabulary")
        #expect(alarmEvents.allSatisfy { $0.source == "decoder" && $0.hasPosition }, "\(capture)")
        #expect(decoded.events.filter { $0.kind == .commandResult }.count == expectedResults, "result events of \(capture)")
    }

    /// A note's string with Java's `\uXXXX` escapes resolved (`"\u00909001738"`).
    static func unescaped(_ value: CaptureExpectation.AttributeExpectation) -> CaptureExpectation.AttributeExpectation {
        guard case .string(let text) = value, text.contains("\\u") else { return value }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "\\u") {
            out += rest[..<range.lowerBound]
            let hex = rest[range.upperBound...].prefix(4)
            if hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                rest = rest[range.upperBound...].dropFirst(4)
            } else {
                out += "\\u"
                rest = rest[range.upperBound...]
            }
        }
        return .string(out + rest)
    }
}
