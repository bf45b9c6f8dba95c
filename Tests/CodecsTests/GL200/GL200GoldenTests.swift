import Foundation
import Testing
import TrackwireProtocol
@testable import Codecs
import TestSupport

/// Every GL200 capture, in file order, checked as its note says; replies checked against the
/// note's derived `+SACK` replies. Notes of the commented-out GTINF test (line 451) included: it
/// decodes here because the VIN before the device name is recognised.
@Suite struct GL200GoldenTests {
    static let codec = GL200Codec()
    static let receivedAtMs: Int64 = 1_700_000_000_000

    @Test(arguments: Captures.of("gl200"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        let expectation = capture.expectation
        if case .framer(let expected, let noFrame) = expectation.check {
            var framer = Self.codec.makeFramer()
            let frames = framer.cutAll(capture.bytes).frames
            #expect(frames == (noFrame ? [] : [expected ?? capture.bytes]), "\(capture)")
            return
        }
        let context = DecodeContext(
            deviceId: "123456789012345", transport: .tcp,
            options: expectation.decoderOptions, receivedAtMs: Self.receivedAtMs)
        let decoded = try Self.codec.decode(capture.bytes, context: context)
        GL200GoldenCheck(capture: capture, decoded: decoded).verify(expectation)
        verifyExamination(capture, decoded: decoded)
    }

    /// The device id is named by every self-identifying frame, and the replies are the note's.
    private func verifyExamination(_ capture: Capture, decoded: Decoded) {
        let plain = Self.codec.examine(capture.bytes, context: SessionContext())
        if capture.kind == "text" {
            #expect(plain.deviceId != nil && plain.deviceId == decoded.deviceId, "\(capture): examine id \(plain.deviceId ?? "nil")")
        } else if let id = plain.deviceId {
            #expect(id == decoded.deviceId, "\(capture)")
        }
        #expect(plain.problem == nil, "\(capture): \(plain.problem ?? "")")
        let notes = GL200NoteReplies(capture.note)
        #expect(plain.reply.map { String(decoding: $0, as: UTF8.self) } == notes.defaultReply, "\(capture)")
        if let ackReply = notes.ackReply {
            let acked = Self.codec.examine(capture.bytes, context: SessionContext(options: [GL200Codec.ack.key: "true"]))
            let text = acked.reply.map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(text == (notes.defaultReply ?? "") + ackReply, "\(capture): \(text)")
        }
    }
}

/// The replies a note derives: the default one (`reply +SACK:GTHBD,...$`) and the one sent when
/// the protocol ack is enabled (`+SACK:<count>$`).
struct GL200NoteReplies {
    var defaultReply: String?
    var ackReply: String?

    init(_ note: String) {
        defaultReply = Self.match(#"server reply: heartbeat; reply (\+SACK:\S+?\$)"#, note)
        ackReply = Self.match(#"if protocol ack is enabled: (\+SACK:\S+?\$)"#, note)
    }

    private static func match(_ pattern: String, _ text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(found.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}

/// What a note's check demands of a decoded frame (Traccar's `verify*` semantics).
struct GL200GoldenCheck {
    let capture: Capture
    let decoded: Decoded

    func verify(_ expectation: CaptureExpectation) {
        let positions = decoded.positions
        switch expectation.check {
        case .null:
            #expect(positions.isEmpty, "\(capture): expected no position, got \(positions.count)")
        case .notNull:
            #expect(!positions.isEmpty, "\(capture): expected a result")
        case .position:
            #expect(positions.count == 1, "\(capture): expected one position, got \(positions.count)")
            positions.forEach { expectLocated($0) }
        case .positions(let located):
            #expect(!positions.isEmpty, "\(capture): expected positions")
            if located { positions.forEach { expectLocated($0) } }
        case .attributes:
            #expect(positions.contains { !$0.attributes.isEmpty }, "\(capture): expected attributes")
        case .attribute(let key, let value):
            expectAttribute(key, value)
        case .framer, .downlink, .unknown:
            Issue.record("\(capture): unexpected check \(expectation.check)")
        }
        if let first = positions.first {
            if let time = expectation.timeMs { #expect(first.fixTimeMs == time, "\(capture)") }
            if let valid = expectation.valid { #expect(first.valid == valid, "\(capture)") }
            if let lat = expectation.latitude { #expect(abs(first.latitude - lat) < 1e-5, "\(capture)") }
            if let lon = expectation.longitude { #expect(abs(first.longitude - lon) < 1e-5, "\(capture)") }
        }
        for position in positions {
            #expect(position.protocol == "gl200" && position.deviceID == decoded.deviceId, "\(capture)")
        }
    }

    /// Sane values from a fix the frame carried (not the zero location of a report without one).
    private func expectLocated(_ p: Position) {
        let sane = abs(p.latitude) <= 90 && abs(p.longitude) <= 180 && !(p.latitude == 0 && p.longitude == 0)
            && p.fixTimeMs > 946_684_800_000 && p.fixTimeMs < 4_102_444_800_000
            && (0...770).contains(p.speedKmh) && (0...360).contains(p.courseDeg) && (-12262...18000).contains(p.altitudeM)
        #expect(sane, "\(capture): insane position \(p.latitude),\(p.longitude) t=\(p.fixTimeMs) v=\(p.speedKmh)")
    }

    /// Traccar checks the first position; `null` means the attribute must be absent.
    private func expectAttribute(_ key: String, _ value: CaptureExpectation.AttributeExpectation) {
        guard let position = decoded.positions.first else {
            Issue.record("\(capture): no position for attribute \(key)")
            return
        }
        let actual = position.attributes[key]
        switch value {
        case .string("null"): #expect(actual == nil, "\(capture): \(key) should be absent")
        case .string(let text): #expect(actual == .string(text), "\(capture): \(key)=\(String(describing: actual))")
        case .int(let number): #expect(actual == .int(number), "\(capture): \(key)=\(String(describing: actual))")
        case .bool(let flag): #expect(actual == .bool(flag), "\(capture): \(key)=\(String(describing: actual))")
        case .double(let number):
            let matches = actual.map { if case .doubleValue(let d) = $0.kind { abs(d - number) < 1e-9 } else { false } } ?? false
            #expect(matches, "\(capture): \(key)=\(String(describing: actual)), expected double \(number)")
        }
    }
}
