import Codecs
import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting

/// Issue 8's end-to-end proof: real captures of H02, GPS103, TK103, GL200, Meitrack, Suntech and
/// Watch sent through a running tw-gateway and tw-decoder; each device gets the reply its codec
/// promises, and its positions appear on the bus as the codec decodes them.
@Suite struct MoreProtocolsPipelineTests {
    static let protocols = ["h02", "gps103", "tk103", "gl200", "meitrack", "suntech", "watch"]

    /// Up to three self-identifying position captures per protocol that the framer cuts whole, that
    /// pass their integrity checks (some captures were hand-edited; the gateway drops those), and
    /// that decode without a session or listener options.
    static func samples(_ name: String, codec: any DeviceCodec) -> [(capture: Capture, positions: [Position])] {
        Captures.of(name).filter { capture in
            guard capture.transport == "tcp", capture.expectation.check == .position,
                  capture.expectation.decoderOptions.isEmpty, !capture.expectation.isFromDisabledTest else { return false }
            var framer = codec.makeFramer()
            return framer.cutAll(capture.bytes).frames == [capture.bytes]
                && codec.examine(capture.bytes, context: SessionContext(transport: .tcp)).problem == nil
        }.compactMap { capture in
            let decoded = try? codec.decode(capture.bytes, context: DecodeContext(transport: .tcp, receivedAtMs: Self.nowMs))
            guard let positions = decoded?.positions, !positions.isEmpty, positions.allSatisfy({ !$0.deviceID.isEmpty }) else { return nil }
            return (capture, positions)
        }.prefix(3).map { $0 }
    }

    static var nowMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    @Test func realCaptures_ofSevenProtocols_areAckedAndDecodedOntoTheBus() async throws {
        let pipeline = try await PipelineHarness(decoders: 1, listeners: Self.protocols.map { ($0, "tcp") })
        _ = try pipeline.tap.collect(timeout: .seconds(20)) { $0.contains { $0.topic.hasPrefix("hb.decoder.") } }
        var expected: [(protocolName: String, position: Position)] = []
        for name in Self.protocols {
            let codec = try #require(CodecRegistry.codec(named: name))
            let samples = Self.samples(name, codec: codec)
            #expect(!samples.isEmpty, "\(name): no capture qualifies as a sample")
            for (capture, positions) in samples {
                let device = try DeviceClient(port: pipeline.devicePorts[name]!)
                device.send(capture.bytes)
                if let reply = codec.examine(capture.bytes, context: SessionContext(transport: .tcp)).reply, !reply.isEmpty {
                    #expect(device.receive(exactly: reply.count) == reply, "\(name): reply to \(capture)")
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
                    && (abs($0.fixTimeMs - want.fixTimeMs) < 1000 || abs($0.fixTimeMs - want.fixTimeMs) < 120_000 && abs(want.fixTimeMs - Self.nowMs) < 600_000)
            }
            #expect(found, "\(name): no position on the bus for \(want.deviceID) at (\(want.latitude), \(want.longitude)) \(want.fixTimeMs)")
        }
    }
}
