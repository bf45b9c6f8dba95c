import Codecs
import Foundation
import Testing
import TestSupport
import TrackwireProtocol

/// Golden-capture assertions shared by the Meitrack, Suntech and Watch tests: what a note's check
/// means for a `Decoded`, the reply a note states, and the command a DOWNLINK capture describes.
enum CaptureChecks {
    /// The receive time every golden decode uses.
    static let receivedAtMs: Int64 = 1_700_000_000_000
    /// The device id Traccar's encoder tests use.
    static let encoderDeviceId = "123456789012345"

    /// A decode context with the note's decoder options and no session (these protocols carry
    /// their id in every frame).
    static func context(for capture: Capture) -> DecodeContext {
        DecodeContext(transport: .tcp, options: capture.expectation.decoderOptions, receivedAtMs: receivedAtMs)
    }

    /// Decodes a capture; for a note that expects nothing (Traccar's `verifyNull`), a refusal as
    /// `unsupported` or `unidentified` is that nothing and gives `nil` (ours says why, so the
    /// decoder can reject it visibly). Any other refusal is rethrown.
    static func decodeUnlessRefused(_ capture: Capture, _ decode: () throws -> Decoded) throws -> Decoded? {
        do {
            return try decode()
        } catch let error as DecodeError where capture.expectation.check == .null && ["unsupported", "unidentified"].contains(error.errorType) {
            return nil
        }
    }

    /// Checks `decoded` against the capture note's check and exact values.
    static func verify(_ decoded: Decoded, _ capture: Capture) {
        let expectation = capture.expectation
        switch expectation.check {
        case .null:
            #expect(decoded.positions.isEmpty, "\(capture)")
        case .notNull:
            // Traccar's non-null: a decode that did not throw, naming its device.
            #expect(decoded.deviceId != nil, "\(capture)")
        case .position:
            #expect(decoded.positions.count == 1, "\(capture)")
            decoded.positions.forEach { verifySane($0, capture) }
        case .positions(let located):
            #expect(!decoded.positions.isEmpty, "\(capture)")
            if located { decoded.positions.forEach { verifySane($0, capture) } }
        case .attributes:
            #expect(decoded.positions.first.map { !$0.attributes.isEmpty } == true, "\(capture)")
        case .attribute(let key, let value):
            verifyAttribute(decoded, key: key, value: value, capture)
        case .framer, .downlink, .unknown:
            Issue.record("not a decoder capture: \(capture)")
        }
        verifyExactValues(decoded, expectation, capture)
        verifyAlarmEvents(decoded, capture)
    }

    /// A DOWNLINK capture: the codec encodes the note's command to exactly the payload.
    /// Returns whether the capture was one.
    static func verifyDownlink(_ capture: Capture, _ codec: some CommandEncoding) throws -> Bool {
        guard let command = Command.from(capture) else { return false }
        let encoded = try codec.encode(command, context: SessionContext(deviceId: encoderDeviceId, transport: capture.transportValue))
        #expect(encoded == capture.bytes, "\(String(decoding: encoded, as: UTF8.self)) for \(capture)")
        return true
    }

    /// The examination names the decoded frame's device and replies as the note says.
    static func verifyExamination(_ examination: Examination, _ decoded: Decoded, _ capture: Capture) {
        #expect(examination.deviceId != nil && examination.deviceId == decoded.deviceId, "\(capture)")
        switch NoteReply(capture) {
        case .none: #expect(examination.reply == nil, "\(capture)")
        case .bytes(let reply): #expect(examination.reply == reply, "\(capture)")
        case .unspecified: break  // described in words only: checked in the codec tests
        }
    }

    /// Traccar's sanity checks: a fix after 2000 and not in the future, coordinates on the globe,
    /// speed and course in range.
    static func verifySane(_ position: Position, _ capture: Capture) {
        #expect(position.fixTimeMs > 946_684_800_000 && position.fixTimeMs < receivedAtMs + 86_400_000 * 3650, "time \(capture)")
        #expect(abs(position.latitude) <= 90 && abs(position.longitude) <= 180, "lat/lon \(capture)")
        #expect(position.speedKmh >= 0 && position.courseDeg >= 0 && position.courseDeg <= 360, "speed/course \(capture)")
        #expect(position.protocol == capture.protocol && !position.deviceID.isEmpty, "ids \(capture)")
    }

    private static func verifyAttribute(_ decoded: Decoded, key: String, value: CaptureExpectation.AttributeExpectation, _ capture: Capture) {
        if key == "result" {
            let event = decoded.events.first { $0.kind == .commandResult }
            #expect(decoded.kind == .commandReply, "\(capture)")
            #expect(event.map { matches($0.attributes["result"], value) } == true, "result of \(capture)")
            return
        }
        guard let position = decoded.positions.first else {
            Issue.record("no position for \(key) in \(capture)")
            return
        }
        if value == .string("null") {  // `verifyAttribute key=null`: the attribute must be absent
            #expect(position.attributes[key] == nil, "\(key) present in \(capture)")
        } else {
            #expect(matches(position.attributes[key], value), "\(key)=\(String(describing: position.attributes[key])) in \(capture)")
        }
    }

    /// Whether an attribute has the expected value and type.
    static func matches(_ actual: AttributeValue?, _ expected: CaptureExpectation.AttributeExpectation) -> Bool {
        switch (actual?.kind, expected) {
        case (.stringValue(let a)?, .string(let e)): a == e
        case (.intValue(let a)?, .int(let e)): a == e
        case (.doubleValue(let a)?, .double(let e)): abs(a - e) < 1e-6
        case (.boolValue(let a)?, .bool(let e)): a == e
        default: false
        }
    }

    private static func verifyExactValues(_ decoded: Decoded, _ expectation: CaptureExpectation, _ capture: Capture) {
        for position in decoded.positions {
            if let time = expectation.timeMs { #expect(position.fixTimeMs == time, "time \(capture)") }
            if let valid = expectation.valid { #expect(position.valid == valid, "valid \(capture)") }
            if let lat = expectation.latitude { #expect(abs(position.latitude - lat) < 1e-5, "lat \(capture)") }
            if let lon = expectation.longitude { #expect(abs(position.longitude - lon) < 1e-5, "lon \(capture)") }
        }
    }

    /// Every position with an `alarm` attribute has its `.alarm` event, and only those, named in
    /// the one vocabulary (`Alarm`), the codec's own name kept as `device_alarm`.
    private static func verifyAlarmEvents(_ decoded: Decoded, _ capture: Capture) {
        let alarmed = decoded.positions.filter { $0.attributes["alarm"] != nil }
        let events = decoded.events.filter { $0.kind == .alarm }
        #expect(events.count == alarmed.count, "alarm events \(capture)")
        for (position, event) in zip(alarmed, events) {
            #expect(event.attributes["device_alarm"] == position.attributes["alarm"] && event.source == "decoder", "\(capture)")
            #expect(event.attributes["alarm"]?.stringValue == Alarm(deviceName: position.attributes["alarm"]?.stringValue ?? "")?.rawValue,
                    "the codec's alarm \(position.attributes["alarm"]?.stringValue ?? "") is in the vocabulary: \(capture)")
            #expect(event.id.hasPrefix("\(position.deviceID)-alarm-\(position.fixTimeMs)-"), "\(capture)")
        }
    }
}

extension Capture {
    /// The capture's transport (`udp` captures are datagrams, everything else a TCP stream).
    var transportValue: Transport { transport == "udp" ? .udp : transport == "http" ? .http : .tcp }
}

/// What a note says the server answers.
enum NoteReply: Equatable {
    /// The note states that nothing is sent.
    case none
    /// The note gives the exact reply.
    case bytes([UInt8])
    /// The note describes a reply without giving its bytes.
    case unspecified

    init(_ capture: Capture) {
        let note = capture.note
        if let hex = capture.expectation.derivedReply {
            self = .bytes(hex)
        } else if note.contains("server reply: no reply") || note.contains("server reply: none") {
            self = .none
        } else if let quoted = Self.match(#"server reply: reply '([^']*)'"#, note) {
            self = .bytes(Array(quoted.replacingOccurrences(of: "\\r\\n", with: "\r\n").utf8))
        } else if let bracketed = Self.match(#"server reply: reply (\[[^\]]*\])"#, note) {
            self = .bytes(Array(bracketed.utf8))
        } else {
            self = .unspecified
        }
    }

    private static func match(_ pattern: String, _ text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(found.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}

extension Command {
    /// The command a DOWNLINK capture describes: Traccar's camelCase type in snake_case, `data`
    /// as the text, other params as params, for the encoder tests' device.
    static func from(_ capture: Capture) -> Command? {
        guard case .downlink(let type, let params) = capture.expectation.check else { return nil }
        var command = Command()
        command.deviceID = CaptureChecks.encoderDeviceId
        command.type = type.reduce(into: "") { out, c in out += c.isUppercase ? "_" + c.lowercased() : String(c) }
        command.text = params["data"] ?? ""
        command.params = params.filter { $0.key != "data" }
        return command
    }
}

/// Framer walks shared by the three protocols' framer tests.
enum FramerChecks {
    /// A frame-decoder capture: the frame cut (as `content` turns it into what Traccar's frame
    /// decoder hands on) is the expected one, or there is none when the note says so.
    static func verifyFramerCapture(_ capture: Capture, _ makeFramer: () -> any Framer,
                                    content: ([UInt8]) -> [UInt8] = { $0 }) {
        guard case .framer(let expected, let noFrame) = capture.expectation.check else { return }
        var framer = makeFramer()
        let cut = framer.cutAll(capture.bytes)
        if noFrame {
            #expect(cut.frames.isEmpty, "\(capture)")
        } else {
            #expect(cut.frames.count == 1 && cut.frames.first.map(content) == (expected ?? capture.bytes), "\(capture)")
        }
    }

    /// Each frame fed one byte at a time: every proper prefix needs more, the whole is one frame.
    static func verifyByteByByte(_ frames: [[UInt8]], _ makeFramer: () -> any Framer) {
        for frame in frames {
            var framer = makeFramer()
            let prefixesWait = (1..<frame.count).allSatisfy { end in
                frame[..<end].withUnsafeBytes { framer.cut($0) } == .needMore
            }
            let whole = frame.withUnsafeBytes { framer.cut($0) }
            #expect(prefixesWait && whole == .frame(length: frame.count), "\(String(decoding: frame.prefix(40), as: UTF8.self))")
        }
    }

    /// All frames in one buffer, preceded by `garbage`, come out in order with the garbage dropped.
    static func verifyConcatenated(_ frames: [[UInt8]], after garbage: [UInt8] = [], _ makeFramer: () -> any Framer) {
        var framer = makeFramer()
        let cut = framer.cutAll(garbage + frames.flatMap { $0 })
        #expect(cut.frames == frames && cut.discarded == garbage.count && cut.remainder.isEmpty)
    }
}
