import Foundation
import Testing
import Codecs
import TestSupport
import TrackwireProtocol

/// Golden checks shared by the text-protocol codecs (H02, GPS103, TK103): one capture is decoded,
/// examined or encoded as its note says.
enum TextProtoGolden {
    /// The session id used where a frame carries none, as in Traccar's encoder tests.
    static let sessionId = "123456789012345"
    /// A fixed receive time (2025-11-01 00:00 UTC) so time-of-day fallbacks are deterministic.
    static let receivedAtMs: Int64 = 1_761_955_200_000

    /// Checks one non-framer capture against its note.
    static func verify(_ capture: Capture, codec: any DeviceCodec & CommandEncoding, options: [String: String] = [:]) throws {
        let expectation = capture.expectation
        switch expectation.check {
        case .framer:
            return  // walked by the framer tests
        case .downlink(let type, let params):
            let command = downlinkCommand(type: type, params: params, note: capture.note)
            let context = SessionContext(deviceId: sessionId, options: options)
            #expect(TextProtoNotes.text(try codec.encode(command, context: context)) == capture.payload, "\(capture)")
        case .unknown(let note):
            Issue.record("note not understood: \(note)")
        default:
            try verifyDecode(capture, codec: codec, options: expectation.decoderOptions.merging(options) { $1 })
        }
    }

    private static func verifyDecode(_ capture: Capture, codec: any DeviceCodec, options: [String: String]) throws {
        let expectation = capture.expectation
        let examination = codec.examine(capture.bytes, context: SessionContext(options: options))
        TextProtoNotes.checkReply(examination.reply, note: capture.note, capture: capture)
        if let derived = expectation.derivedReply { #expect(examination.reply == derived, "\(capture)") }
        let context = DecodeContext(deviceId: examination.deviceId == nil ? sessionId : nil,
                                    options: options, receivedAtMs: receivedAtMs)
        guard let decoded = try CaptureChecks.decodeUnlessRefused(capture, { try codec.decode(capture.bytes, context: context) }) else { return }
        #expect(decoded.deviceId == (examination.deviceId ?? sessionId), "device id of \(capture)")
        checkPositions(decoded, expectation, capture: capture, codec: codec)
    }

    private static func checkPositions(_ decoded: Decoded, _ e: CaptureExpectation, capture: Capture, codec: any DeviceCodec) {
        let positions = decoded.positions
        switch e.check {
        case .null: #expect(positions.isEmpty, "\(capture) kind \(decoded.kind)")
        case .notNull, .positions: #expect(!positions.isEmpty, "\(capture)")
        case .position: #expect(positions.count == 1, "\(capture)")
        case .attributes: #expect(positions.first.map { !$0.attributes.isEmpty } == true, "\(capture)")
        case .attribute(let key, let value):
            guard let position = positions.first else { Issue.record("no position: \(capture)"); return }
            TextProtoNotes.checkAttribute(position, key: key, value: value, note: capture.note, capture: capture)
        default: break
        }
        for position in positions { checkSane(position, decoded, codec: codec, capture: capture) }
        if let position = positions.first { checkExact(position, e, capture: capture) }
    }

    private static func checkSane(_ p: Position, _ decoded: Decoded, codec: any DeviceCodec, capture: Capture) {
        #expect(p.protocol == codec.name && !p.deviceID.isEmpty, "\(capture)")
        #expect(Coordinates.isOnGlobe(latitude: p.latitude, longitude: p.longitude), "\(capture)")
        #expect(p.fixTimeMs > 946_684_800_000 && p.fixTimeMs <= receivedAtMs + 86_400_000, "time of \(capture)")
        #expect(p.speedKmh >= 0 && p.courseDeg >= 0 && p.courseDeg <= 360, "\(capture)")
        if case .stringValue(let alarm)? = p.attributes["alarm"]?.kind {
            #expect(decoded.events.contains {
                $0.kind == .alarm && $0.attributes["device_alarm"]?.stringValue == alarm && $0.attributes["alarm"]?.stringValue == Alarm(deviceName: alarm)?.rawValue
            }, "\(capture)")
        }
    }

    private static func checkExact(_ p: Position, _ e: CaptureExpectation, capture: Capture) {
        if let time = e.timeMs { #expect(p.fixTimeMs == time, "time of \(capture)") }
        if let valid = e.valid { #expect(p.valid == valid, "validity of \(capture)") }
        if let latitude = e.latitude { #expect(abs(p.latitude - latitude) < 1e-5, "latitude of \(capture)") }
        if let longitude = e.longitude { #expect(abs(p.longitude - longitude) < 1e-5, "longitude of \(capture)") }
    }

    /// The command a DOWNLINK note describes: Traccar's camelCase type in snake_case, `data` as
    /// the text (read from the note itself, since it may contain commas), other params as params.
    static func downlinkCommand(type: String, params: [String: String], note: String) -> Command {
        var command = Command()
        command.type = type.replacing(/[A-Z]/) { "_" + $0.output.lowercased() }
        command.createdMs = 3_723_000  // 01:02:03, the encoder clock in Traccar's tests
        command.params = params.filter { $0.key != "data" }
        if let data = note.firstMatch(of: /data="(.*?)"(?:,| \()/) { command.text = String(data.1) }
        return command
    }
}
