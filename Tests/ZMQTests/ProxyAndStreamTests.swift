import Foundation
import Testing
import TrackwireTesting
@testable import ZMQ

@Suite struct ProxyTests {
    @Test func steerableProxy_forwardsCountsAndTerminates() throws {
        let harness = try TestSockets()
        let front = try harness.socket(.pull)
        try front.bind("inproc://proxy-front")
        let back = try harness.socket(.push)
        try back.bind("inproc://proxy-back")
        let control = try harness.socket(.pair)
        try control.bind("inproc://proxy-control")
        let controller = try harness.socket(.pair)
        try controller.connect("inproc://proxy-control")
        // A plain thread, not a task: under a busy test run the cooperative pool may be saturated.
        let finished = DispatchSemaphore(value: 0)
        DedicatedThread.start(name: "proxy") {
            try? Proxy.run(frontend: front, backend: back, control: control)
            finished.signal()
        }
        let producer = try harness.socket(.push)
        try producer.connect("inproc://proxy-front")
        let consumer = try harness.socket(.pull)
        try consumer.connect("inproc://proxy-back")
        for i in 0..<10 { try producer.send([[UInt8(i)], [1, 2, 3]]) }
        for i in 0..<10 { #expect(try receive(consumer)?.first == [UInt8(i)]) }
        try controller.send([Array("STATISTICS".utf8)])
        let stats = try receive(controller).flatMap(Proxy.Statistics.init(frames:))
        #expect(stats?.frontendMessagesIn == 10)
        #expect(stats?.backendMessagesOut == 10)
        try controller.send([Array("TERMINATE".utf8)])
        #expect(finished.wait(timeout: .now() + 10) == .success, "the proxy returns after TERMINATE")
    }
}

@Suite struct MessageStreamTests {
    @Test func stream_deliversInOrderToAsyncConsumer() async throws {
        let harness = try TestSockets()
        let pull = try harness.context.socket(.pull, options: SocketOptions().with { $0.lingerMs = 0 })
        try pull.bind("inproc://stream")
        let push = try harness.socket(.push)
        try push.connect("inproc://stream")
        let stream = MessageStream(socket: pull, capacity: 4)
        for i in 0..<100 { try push.send([[UInt8(i)]]) }
        var seen: [UInt8] = []
        for await message in stream {
            seen.append(message[0][0])
            if seen.count == 100 { break }
        }
        #expect(seen == (0..<100).map(UInt8.init))
    }

    @Test func stream_whenConsumerStalls_pushesBackInsteadOfBuffering() async throws {
        let harness = try TestSockets()
        let small = SocketOptions().with { $0.sendHighWaterMark = 5; $0.receiveHighWaterMark = 5; $0.lingerMs = 0 }
        let pull = try harness.context.socket(.pull, options: small)
        try pull.bind("inproc://stream-bp")
        let push = try harness.socket(.push, small)
        try push.connect("inproc://stream-bp")
        let stream = MessageStream(socket: pull, capacity: 4)
        var accepted = 0
        var refused = 0
        // Generous: under load the receiving thread may take a while to fill every buffer.
        let deadline = Deadline(after: .seconds(20))
        while refused < 50 && !deadline.hasPassed {
            if try push.send([[1]], wait: false) { accepted += 1 } else { refused += 1; usleep(2_000) }
        }
        // Handoff (4) + one held by the thread + both HWMs (5 + 5): bounded, far from unbounded.
        #expect(refused == 50)
        #expect(accepted <= 4 + 1 + 5 + 5 + 2, "accepted \(accepted) while nobody consumed")
        var drained = 0
        for await _ in stream {
            drained += 1
            if drained == accepted { break }
        }
        #expect(drained == accepted)
        stream.stop()
    }
}

@Suite struct CurveTests {
    @Test func curve_clientWithServerKey_talks_andWrongKey_doesNot() throws {
        let harness = try TestSockets()
        let server = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        #expect(server.publicKey.count == 40 && server.secretKey.count == 40)
        let pull = try harness.socket(.pull, SocketOptions().with { $0.curve = .server(secretKey: server.secretKey) })
        try pull.bind("tcp://127.0.0.1:*")
        let good = try harness.socket(.push, SocketOptions().with {
            $0.curve = .client(serverKey: server.publicKey, publicKey: client.publicKey, secretKey: client.secretKey)
        })
        try good.connect(pull.lastEndpoint)
        try good.send([Array("secret".utf8)])
        #expect(try receive(pull)?.first == Array("secret".utf8))

        let impostor = try CurveKeyPair.generate()
        let bad = try harness.socket(.push, SocketOptions().with {
            $0.curve = .client(serverKey: impostor.publicKey, publicKey: client.publicKey, secretKey: client.secretKey)
            $0.immediate = false
        })
        try bad.connect(pull.lastEndpoint)
        try bad.send([Array("forged".utf8)], wait: false)
        // The marker: a good client that connects after the impostor. Once its message is in,
        // the server has handled the impostor's handshake too; nothing of it came through.
        let later = try harness.socket(.push, SocketOptions().with {
            $0.curve = .client(serverKey: server.publicKey, publicKey: client.publicKey, secretKey: client.secretKey)
        })
        try later.connect(pull.lastEndpoint)
        try later.send([Array("after".utf8)])
        var received: [[UInt8]] = []
        while received.last != Array("after".utf8), let message = try receive(pull) { received.append(message[0]) }
        #expect(received == [Array("after".utf8)], "a client with the wrong server key must not get through")
    }
}
