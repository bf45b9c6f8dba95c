import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// The frames and store channels of a real tw-bus: PULL in, PUSH out, fair-queued to consumers.
@Suite struct BusQueueTests {
    @Test(arguments: [(BusProcess.Channel.framesIn, BusProcess.Channel.framesOut), (.storeIn, .storeOut)])
    func queue_producer_reachesTwoConsumersInTurn(input: BusProcess.Channel, output: BusProcess.Channel) async throws {
        let bus = try await BusProcess.start()
        let peers = try TestSockets()
        let producer = try peers.connect(.push, bus.endpoint(input))
        let consumers = try (0..<2).map { _ in try peers.connect(.pull, bus.endpoint(output)) }

        let shares = try await blocking { () -> [Int] in
            // Both consumers must be connected before the share is counted; the bus's PUSH sends only
            // on completed connections, so send probes until each consumer has had one.
            var probed = [0, 0]
            let deadline = Deadline(after: .seconds(10))
            while probed.contains(0) && !deadline.hasPassed {
                try producer.send(topic: "probe", body: [], wait: false)
                for index in consumers.indices { while try consumers[index].receive(timeoutMs: 20) != nil { probed[index] += 1 } }
            }
            for _ in 0..<100 { try producer.send(topic: "batch", body: [7]) }
            var batch = [0, 0]
            while batch.reduce(0, +) < 100 && !deadline.hasPassed {
                for index in consumers.indices {
                    while let message = try consumers[index].receive(timeoutMs: 20) {
                        if message.first == Array("batch".utf8) { batch[index] += 1 }
                    }
                }
            }
            return batch
        }

        #expect(shares.reduce(0, +) == 100, "messages lost: \(shares)")
        #expect(shares.allSatisfy { $0 >= 25 }, "one consumer did not get its share: \(shares)")
    }
}
