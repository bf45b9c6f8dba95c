import Codecs
import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting

/// Issue 17's end-to-end proof for ATrack, Castel, Meiligao (TCP), Eelink's `EL` datagrams and
/// CalAmp (UDP): real captures sent over real sockets through a running tw-gateway and tw-decoder
/// with the default checksum policy; each device gets the reply its codec promises, and its
/// positions appear on the bus as the codec decodes them.
@Suite struct SecondBatchCapturesPipelineTests {
    static let listeners = [("atrack", "tcp"), ("castel", "tcp"), ("meiligao", "tcp"), ("eelink", "udp"), ("calamp", "udp")]

    /// Up to three self-identifying located-position captures of `transport` that the framer cuts whole
    /// (over TCP), that pass their integrity checks and that decode without a session or options.
    static func samples(_ name: String, transport: String, codec: any DeviceCodec) -> [(capture: Capture, positions: [Position])] {
        let context = SessionContext(transport: transport == "udp" ? .udp : .tcp)
        return Captures.of(name).filter { capture in
            guard capture.transport == transport, Self.isLocatedPosition(capture.expectation.check),
                  capture.expectation.decoderOptions.isEmpty, !capture.expectation.isFromDisabledTest else { return false }
            var framer = codec.makeFramer()
            return (transport == "udp" || framer.cutAll(capture.bytes).frames == [capture.bytes])
                && codec.examine(capture.bytes, context: context).problem == nil
        }.compactMap { capture in
            let decodeContext = DecodeContext(transport: context.transport, receivedAtMs: MoreProtocolsPipelineTests.nowMs)
            let decoded = try? codec.decode(capture.bytes, context: decodeContext)
            guard let positions = decoded?.positions, !positions.isEmpty, positions.allSatisfy({ !$0.deviceID.isEmpty }) else { return nil }
            return (capture, positions)
        }.prefix(3).map { $0 }
    }

    /// A note that promises a position, or positions with sane locations.
    static func isLocatedPosition(_ check: CaptureExpectation.Check) -> Bool {
        switch check {
        case .position, .positions(located: true): true
        default: false
        }
    }

    @Test func realCaptures_ofTheSecondBatch_areAckedAndDecodedOntoTheBus() async throws {
        let pipeline = try await PipelineHarness(decoders: 1, listeners: Self.listeners)
        _ = try pipeline.tap.collect(timeout: .seconds(20)) { $0.contains { $0.topic.hasPrefix("hb.decoder.") } }
        var expected: [(protocolName: String, position: Position)] = []
        for (name, transport) in Self.listeners {
            let codec = try #require(CodecRegistry.codec(named: name))
            let samples = Self.samples(name, transport: transport, codec: codec)
            #expect(!samples.isEmpty, "\(name): no \(transport) capture qualifies as a sample")
            for (capture, positions) in samples {
                let device = try DeviceClient(port: pipeline.devicePorts[name]!, udp: transport == "udp")
                device.send(capture.bytes)
                let session = SessionContext(transport: transport == "udp" ? .udp : .tcp)
                if let reply = codec.examine(capture.bytes, context: session).reply, !reply.isEmpty {
                    let received = transport == "udp" ? device.receive() : device.receive(exactly: reply.count)
                    #expect(received == reply, "\(name): reply to \(capture)")
                }
                expected += positions.map { (name, $0) }
            }
        }
        let seen = try pipeline.tap.collect(timeout: .seconds(30)) { $0.filter { $0.topic.hasPrefix("pos.") }.count >= expected.count }
            .filter { $0.topic.hasPrefix("pos.") }.compactMap { try? $0.decode(Position.self) }
        for (name, want) in expected {
            let found = seen.contains {
                $0.protocol == name && $0.deviceID == want.deviceID
                    && abs($0.latitude - want.latitude) < 1e-6 && abs($0.longitude - want.longitude) < 1e-6
                    && (abs($0.fixTimeMs - want.fixTimeMs) < 1000
                        || abs($0.fixTimeMs - want.fixTimeMs) < 120_000 && abs(want.fixTimeMs - MoreProtocolsPipelineTests.nowMs) < 600_000)
            }
            #expect(found, "\(name): no position on the bus for \(want.deviceID) at (\(want.latitude), \(want.longitude)) \(want.fixTimeMs)")
        }
    }
}
