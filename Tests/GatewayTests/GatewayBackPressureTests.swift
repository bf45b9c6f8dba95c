import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

@Suite struct GatewayBackPressureTests {
    /// With nobody pulling frames the gateway must stop acking (and reading) instead of buffering;
    /// once frames are pulled again every acked frame arrives and acks resume.
    @Test func blockedFramesQueue_stopsAcks_thenResumesWithoutLoss() async throws {
        let harness = try await GatewayHarness(
            listeners: [("gt06", "tcp")], extra: ["--sndhwm", "5", "--rcvhwm", "5", "--max-frame-rate", "0"],
            framesEndpoint: "ipc:///tmp/tw-gw-bp-\(UUID().uuidString.prefix(8)).sock", framesHighWaterMark: 5
        )
        let device = try DeviceClient(port: harness.ports["gt06"]!)
        device.send(GatewayCaptures.gt06Login.bytes)
        #expect(device.receive(exactly: 10).count == 10)
        let position = GatewayCaptures.gt06Positions[0]
        // Flood without reading frames on the test side: both queues (5 + 5, libzmq's batching and
        // the ipc socket's kernel buffer: a few thousand frames at most) fill, then acks must stop.
        var sent = 0
        // Stop once the device's own socket buffer is full too: the gateway stopped reading.
        while sent < 10_000 && device.sendNow(position.bytes) { sent += 1 }
        // The gateway stopped reading (its pause counter says so); what it acked so far is readable.
        #expect(await harness.waitForCounter("trackwire_backpressure_pauses_total", atLeast: 1))
        var acked = 0
        var chunk = device.receive(within: 100)
        while !chunk.isEmpty {
            acked += chunk.count / 10
            chunk = device.receive(within: 100)
        }
        #expect(acked < sent, "acks must stop while the frames queue is full (acked \(acked) of \(sent))")

        // Drain: every frame that was acked (and every one after) reaches the queue.
        var frames = 0
        let deadline = Deadline(after: .seconds(90))
        while frames < sent + 1 && !deadline.hasPassed {
            if try harness.nextFrame() != nil { frames += 1 }
            acked += device.receiveNow(upTo: 65_536).count / 10
        }
        acked += device.receive(exactly: (sent - acked) * 10).count / 10
        #expect(frames == sent + 1, "login and every position forwarded once the queue drains")
        #expect(acked == sent, "every position acked in the end")
    }
}
