import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting

@Suite struct GatewayBadInputTests {
    @Test func badInput_movesCounters_closesAfterLimit_andOtherDevicesKeepBeingServed() async throws {
        let harness = try await GatewayHarness(listeners: [("gt06", "tcp")], extra: ["--max-bad-frames", "3", "--max-frame-size", "256", "--checksums", "enforce"])
        let port = harness.ports["gt06"]!
        let good = try DeviceClient(port: port)
        let login = GatewayCaptures.gt06Login
        good.send(login.bytes)
        #expect(good.receive(exactly: 10) == login.expectation.derivedReply!)

        // Garbage: bytes that can never start a frame.
        let garbage = try DeviceClient(port: port)
        garbage.send(Array(repeating: 0x41, count: 40))
        #expect(await harness.waitForCounter("trackwire_bad_frames_total", "reason=\"garbage\"", atLeast: 1))

        // Bad CRC (--checksums enforce): a real frame with its CRC flipped is counted, neither
        // forwarded nor acked, and kept as an err.gateway reject carrying its bytes.
        let position = GatewayCaptures.gt06Positions[0]
        var corrupt = position.bytes
        corrupt[corrupt.count - 3] ^= 0xFF
        let crcDevice = try DeviceClient(port: port)
        crcDevice.send(login.bytes)
        _ = crcDevice.receive(exactly: 10)
        crcDevice.send(corrupt)
        #expect(await harness.waitForCounter("trackwire_bad_frames_total", "reason=\"bad_crc\"", atLeast: 1))
        // The marker: a good frame sent after it. Its ack is the first reply; none came before.
        let marker = try #require(GatewayCaptures.gt06Positions.first { $0.expectation.derivedReply != position.expectation.derivedReply })
        crcDevice.send(marker.bytes)
        #expect(crcDevice.receive(exactly: 10) == marker.expectation.derivedReply!, "a frame failing its CRC is not acked")
        let reject = try #require(try harness.nextMessage(on: harness.store) {
            $0.topic == "err.gateway" && (try? $0.decode(Reject.self).errorType) == "bad_crc"
        })
        let refused = try reject.decode(Reject.self)
        #expect(refused.errorType == "bad_crc" && refused.stage == "gateway")
        #expect(try Array(Frame(serializedBytes: refused.body).payload) == corrupt, "the reject keeps the device's bytes")

        // Oversized: an extended frame declaring more than --max-frame-size.
        let oversized = try DeviceClient(port: port)
        oversized.send([0x79, 0x79, 0x03, 0x00] + Array(repeating: 0x00, count: 300))
        #expect(await harness.waitForCounter("trackwire_bad_frames_total", "reason=\"oversized\"", atLeast: 1))

        // Truncated: half a frame, then the device hangs up.
        do {
            let truncated = try DeviceClient(port: port)
            truncated.send(Array(position.bytes.prefix(10)))
        }
        #expect(await harness.waitForCounter("trackwire_bad_frames_total", "reason=\"truncated\"", atLeast: 1))

        // Policy: after three bad frames the connection is closed. Each chunk waits for the
        // previous one to be counted, or TCP may deliver them as one read (one discard).
        for (index, byte) in [UInt8(0x42), 0x43].enumerated() {
            garbage.send(Array(repeating: byte, count: 40))
            #expect(await harness.waitForCounter("trackwire_bad_frames_total", "reason=\"garbage\"", atLeast: Double(index + 2)))
        }
        #expect(garbage.isClosedByPeer(), "connection closed after --max-bad-frames")

        // Meanwhile the good device is still served, byte-exact.
        let frameCount = harness.counter("trackwire_frames_total", "protocol=\"gt06\"")
        good.send(position.bytes)
        #expect(good.receive(exactly: position.expectation.derivedReply!.count) == position.expectation.derivedReply!)
        #expect(await harness.waitForCounter("trackwire_frames_total", "protocol=\"gt06\"", atLeast: frameCount + 1))
    }

    @Test func checksumsFlag_byDefault_forwardsMarkedAndAcksLikeTraccar() async throws {
        let harness = try await GatewayHarness(listeners: [("gt06", "tcp")])
        let device = try DeviceClient(port: harness.ports["gt06"]!)
        device.send(GatewayCaptures.gt06Login.bytes)
        _ = device.receive(exactly: 10)
        let position = GatewayCaptures.gt06Positions[0]
        var corrupt = position.bytes
        corrupt[corrupt.count - 3] ^= 0xFF
        device.send(corrupt)
        #expect(device.receive(exactly: 10) == position.expectation.derivedReply!)
        _ = try harness.nextFrame()
        let forwarded = try #require(try harness.nextFrame())
        #expect(Array(forwarded.payload) == corrupt && forwarded.integrityProblem == "bad_crc")
        #expect(await harness.waitForCounter("trackwire_integrity_flagged_total", "problem=\"bad_crc\"", atLeast: 1))
    }
}
