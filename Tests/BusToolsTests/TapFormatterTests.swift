import Foundation
import Testing
import TrackwireProtocol
@testable import BusTools

@Suite struct TapFormatterTests {
    let position = Envelope(topic: Topic.position(device: "dev-1"), message: Position.with { $0.deviceID = "dev-1"; $0.speedKmh = 12.5 })

    @Test func line_rendersTheBodyAsTheOnePositionJSON() {
        let line = TapFormatter().line(for: position.frames)
        #expect(line == #"{"topic":"\#(position.topic)","type":"trackwire.v1.Position","body":\#(PositionJSON.render(position.decodedPosition).text)}"#)
        #expect(line?.contains(#""speed_kmh":12.5"#) == true && line?.contains(#""fix_time":"1970-01-01T00:00:00.000Z""#) == true)
    }

    @Test func line_withRaw_rendersHex() {
        let line = TapFormatter(rawHex: true).line(for: position.frames)
        #expect(line == #"{"topic":"\#(position.topic)","hex":"\#(Hex.encode(position.body))"}"#)
    }

    @Test func line_withDevice_keepsOnlyThatDevicesTopics() {
        let formatter = TapFormatter(device: "dev-1")
        #expect(formatter.line(for: position.frames) != nil)
        #expect(formatter.line(for: Envelope(topic: Topic.event(device: "dev-1", kind: .alarm), body: []).frames) != nil)
        #expect(formatter.line(for: Envelope(topic: Topic.position(device: "dev-2"), body: []).frames) == nil)
        #expect(formatter.line(for: Envelope(topic: "hb.bus.a", body: []).frames) == nil)
    }

    @Test func line_forAMessageThatIsNotTopicAndBody_saysSo() throws {
        let line = try #require(TapFormatter().line(for: [[0xAB]]))
        #expect(line == #"{"error":"not a bus message: expected topic and body, got 1 frame(s)","frames":["ab"]}"#)
        #expect(TapFormatter(device: "dev-1").line(for: [[0xAB]]) == nil)
    }
}

extension Envelope {
    /// The body as a Position (the test's own message).
    fileprivate var decodedPosition: Position { (try? decode(Position.self)) ?? Position() }
}
