import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// The broadcast channel of a real tw-bus: XSUB in, XPUB out, subscriptions travelling upstream.
@Suite struct BusBroadcastTests {
    @Test func broadcast_publisherOnBroadcastIn_reachesSubscriberOnBroadcastOut() async throws {
        let bus = try await BusProcess.start()
        let peers = try TestSockets()
        let subscriber = try peers.connect(.sub, bus.broadcastOut) { $0.subscriptions = ["pos."] }
        let publisher = try peers.connect(.pub, bus.broadcastIn)
        let sent = Envelope(topic: "pos.17.dev-1", body: [1, 2, 3])

        let received = try await blocking { () -> [[UInt8]]? in
            var message: [[UInt8]]?
            try publisher.publishRepeatedly(sent) {
                message = try subscriber.receive(timeoutMs: 0)
                return message != nil
            }
            return message
        }

        #expect(received == sent.frames)
        #expect(await bus.process.terminate() == .exited(0))
    }

    @Test func broadcast_subscriptionAtBroadcastOut_travelsUpstreamToPublisher() async throws {
        let bus = try await BusProcess.start()
        let peers = try TestSockets()
        let publisher = try peers.connect(.xpub, bus.broadcastIn)
        let subscriber = try peers.connect(.sub, bus.broadcastOut)
        try subscriber.subscribe("pos.17.")
        let expected = [UInt8(1)] + Array("pos.17.".utf8)

        let seen = try await blocking { () -> Bool in
            let deadline = Deadline(after: .seconds(10))
            while !deadline.hasPassed {
                if let message = try publisher.receive(timeoutMs: 100), message.first == expected { return true }
            }
            return false
        }

        #expect(seen, "the XPUB publisher never received \\x01pos.17.")
    }
}
