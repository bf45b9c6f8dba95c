import Foundation
import Testing
import TestSupport
import TrackwireProtocol

/// Reads the parts of the text-protocol capture notes that `CaptureExpectation` does not: the
/// reply text Traccar would send (with placeholders for its clock) and full string attributes.
enum TextProtoNotes {
    /// The bytes as text.
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The reply the note derives, as a regex (`nil`: no reply), or `nil` for notes without a reply part.
    static func replyPattern(_ note: String) -> Regex<AnyRegexOutput>?? {
        guard let match = note.firstMatch(of: /server reply: (.*?)\](?: \[source|$)/) else { return nil }
        let segment = String(match.1)
        if segment.contains("no reply") { return .some(nil) }
        guard let start = segment.ranges(of: "reply ").last?.upperBound else { return nil }
        var reply = String(segment[start...])
        for cut in [" (", " and "] {
            if let range = reply.range(of: cut) { reply = String(reply[..<range.lowerBound]) }
        }
        return .some(pattern(reply))
    }

    /// The reply the note says Traccar sends when its `ack` option is on, as a regex.
    static func ackReplyPattern(_ note: String) -> Regex<AnyRegexOutput>? {
        guard let match = note.firstMatch(of: /(?:ack option would send|protocol ack is enabled:) (\S+?)\)?\]/) else {
            return nil
        }
        return pattern(String(match.1))
    }

    /// A literal reply with Traccar's clock placeholders (`<yyyyMMddHHmmss …>`, `<HHmmss …>`) as digits.
    static func pattern(_ reply: String) -> Regex<AnyRegexOutput> {
        var regex = NSRegularExpression.escapedPattern(for: reply)
        regex = regex.replacing(/<yyyyMMddHHmmss[^>]*>/, with: #"\d{14}"#)
        regex = regex.replacing(/<HHmmss[^>]*>/, with: #"\d{6}"#)
        return try! Regex("^" + regex + "$")
    }

    static func checkReply(_ reply: [UInt8]?, note: String, capture: Capture) {
        guard let expected = replyPattern(note) else { return }
        guard let pattern = expected else {
            #expect(reply == nil, "no reply expected for \(capture), got \(reply.map(text) ?? "")")
            return
        }
        let actual = reply.map(text) ?? "<none>"
        #expect(actual.wholeMatch(of: pattern) != nil, "reply \(actual) for \(capture)")
    }

    /// Checks an attribute (or the position field of that name) with the type the note gives.
    static func checkAttribute(
        _ position: Position, key: String, value: CaptureExpectation.AttributeExpectation, note: String, capture: Capture
    ) {
        let attribute = position.attributes[key]
        switch value {
        case .int(let int): #expect(attribute == .int(int), "\(key) of \(capture): \(String(describing: attribute))")
        case .bool(let bool): #expect(attribute == .bool(bool), "\(key) of \(capture)")
        case .double(let double):
            let actual = key == "course" ? position.courseDeg : attribute?.doubleValue
            #expect(actual.map { abs($0 - double) < 1e-6 } == true, "\(key) of \(capture): \(String(describing: actual))")
        case .string:
            #expect(attribute == .string(fullString(note: note, key: key)), "\(key) of \(capture)")
        }
    }

    /// The whole quoted value of `key` in the note (the shared parser stops at escapes and spaces).
    static func fullString(note: String, key: String) -> String {
        guard let start = note.range(of: "verifyAttribute \(key)=\"")?.upperBound,
              let end = note[start...].range(of: "\" [")?.lowerBound else { return "" }
        return String(note[start..<end]).replacingOccurrences(of: "\\n", with: "\n")
    }
}
