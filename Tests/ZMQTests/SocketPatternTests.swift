import Foundation
import Testing
import TrackwireTesting
@testable import ZMQ

@Suite struct SocketPatternTests {
    @Test(arguments: TestTransport.allCases)
    func pushPull_spreadsWorkAcrossThreePullers(transport: TestTransport) throws {
        let harness = try TestSockets()
        let push = try harness.socket(.push)
        let endpoint = try harness.bind(push, on: transport)
        let pullers = try (0..<3).map { _ in
            let pull = try harness.socket(.pull)
            try pull.connect(endpoint)
            return pull
        }
        // ZMQ_IMMEDIATE keeps messages off incomplete connections; wait until all three are up by
        // round-tripping until each puller has seen one message.
        var counts = [0, 0, 0]
        var sent = 0
        let deadline = Deadline(after: .seconds(10))
        while counts.contains(0) && !deadline.hasPassed {
            try push.send([[UInt8(sent & 0xFF)]])
            sent += 1
            for (index, pull) in pullers.enumerated() {
                while try pull.receive(wait: false) != nil { counts[index] += 1 }
            }
            usleep(1_000)
        }
        for _ in 0..<300 { try push.send([[7]]); sent += 1 }
        var received = counts.reduce(0, +)
        while received < sent && !deadline.hasPassed {
            for (index, pull) in pullers.enumerated() {
                if try receive(pull, timeoutMs: 10) != nil { counts[index] += 1; received += 1 }
            }
        }
        #expect(received == sent)
        #expect(counts.allSatisfy { $0 >= 50 }, "fair queueing should give each puller a share: \(counts)")
    }

    @Test(arguments: TestTransport.allCases)
    func pubSub_filtersByTopicPrefix(transport: TestTransport) throws {
        let harness = try TestSockets()
        let pub = try harness.socket(.pub)
        let endpoint = try harness.bind(pub, on: transport)
        let sub = try harness.socket(.sub, SocketOptions().with { $0.subscriptions = ["pos.01."] })
        try sub.connect(endpoint)
        let first = try publishUntilReceived(pub, sub, topic: "pos.01.dev1")
        #expect(first.map { String(decoding: $0[0], as: UTF8.self) } == "pos.01.dev1")
        for topic in ["pos.02.dev2", "evt.01.dev1.alarm", "pos.01", "pos.01.dev3"] {
            try pub.send(topic: topic, body: [2])
        }
        // pos.01.dev3, sent last, is the marker: whatever the filter let through came before it.
        var topics: [String] = []
        while topics.last != "pos.01.dev3", let message = try receive(sub) {
            topics.append(String(decoding: message[0], as: UTF8.self))
        }
        #expect(topics.last == "pos.01.dev3")
        #expect(topics.allSatisfy { $0 == "pos.01.dev1" || $0 == "pos.01.dev3" })
    }

    @Test(arguments: TestTransport.allCases)
    func sub_connectedBeforePublisherExists_receivesOnceItAppears(transport: TestTransport) throws {
        let harness = try TestSockets()
        let endpoint: String
        // Where the publisher will be, a plain listener first: once it has accepted the SUB's
        // connection (and dropped it), the SUB has tried before any publisher existed. inproc
        // queues a connect to an endpoint nobody bound yet, with no attempt to observe.
        var placeholder: TestListener?
        switch transport {
        case .tcp:
            placeholder = try TestListener()
            endpoint = "tcp://127.0.0.1:\(placeholder!.port)"
        case .ipc:
            let path = "/tmp/tw-test-\(UUID().uuidString.prefix(8)).sock"
            placeholder = try TestListener(unixPath: path)
            endpoint = "ipc://" + path
        case .inproc:
            endpoint = transport.bindEndpoint()
        }
        let sub = try harness.socket(.sub, SocketOptions().with { $0.subscriptions = [""]; $0.reconnectIntervalMs = 20 })
        try sub.connect(endpoint)
        if let listener = placeholder {
            #expect(listener.accept(timeout: 5) != nil, "the SUB never tried to connect")
            placeholder = nil
            if transport == .ipc { unlink(String(endpoint.dropFirst("ipc://".count))) }
        }
        let pub = try harness.socket(.pub)
        try pub.bind(endpoint)
        let message = try publishUntilReceived(pub, sub, topic: "hb.bus.1")
        #expect(message?.count == 2)
    }

    @Test(arguments: [TestTransport.inproc, .tcp])
    func pushPull_millionMultipartMessages_arriveCompleteAndInOrder(transport: TestTransport) async throws {
        let harness = try TestSockets()
        let pull = try harness.socket(.pull)
        let endpoint = try harness.bind(pull, on: transport)
        let push = try harness.socket(.push)
        try push.connect(endpoint)
        let total = 1_000_000
        let sender = Task.detached {
            // Blocking sends belong on a dedicated thread, not the cooperative pool.
            try await DedicatedThread.run(name: "test-sender") {
                for index in 0..<total {
                    let body = withUnsafeBytes(of: UInt64(index).littleEndian) { Array($0) }
                    try push.send([Array("pos.00.x".utf8), body, [0xAB]])
                }
            }
        }
        let received = try await DedicatedThread.run(name: "test-receiver") { () throws -> (Int, Bool) in
            var count = 0
            var ordered = true
            while count < total {
                guard let parts = try pull.receive(wait: true) else { continue }
                let value = parts[1].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                if parts.count != 3 || parts[2] != [0xAB] || UInt64(littleEndian: value) != UInt64(count) { ordered = false }
                count += 1
            }
            return (count, ordered)
        }
        try await sender.value
        #expect(received.0 == total)
        #expect(received.1, "every message complete (3 parts) and in sequence")
    }

    @Test(arguments: TestTransport.allCases)
    func push_atHighWaterMark_reportsWouldBlockAndDropsNothing(transport: TestTransport) throws {
        let harness = try TestSockets()
        let small = SocketOptions().with { $0.sendHighWaterMark = 10; $0.receiveHighWaterMark = 10 }
        let pull = try harness.socket(.pull, small)
        let endpoint = try harness.bind(pull, on: transport)
        let push = try harness.socket(.push, small)
        try push.connect(endpoint)
        // ZMQ_IMMEDIATE (our default): the PUSH is writable once its connection is complete.
        var connected = Poller()
        connected.add(push, events: .writable)
        #expect(try connected.poll(timeoutMs: 5_000)[0].contains(.writable), "the PUSH never connected")
        var accepted = 0
        var refusals = 0
        // Nobody reads: queues fill (PUSH HWM + PULL HWM + kernel buffers for tcp) and then
        // non-blocking sends must be refused rather than silently dropped.
        // 64 KiB bodies, so that tcp's kernel buffers fill after a few hundred messages, not millions.
        let padding = [UInt8](repeating: 0x5A, count: 65_536)
        while refusals < 100 && accepted < 100_000 {
            let body = withUnsafeBytes(of: UInt32(accepted)) { Array($0) } + padding
            if try push.send([body], wait: false) { accepted += 1 } else { refusals += 1 }
        }
        #expect(refusals == 100, "the PUSH must refuse once full")
        var received = 0
        while let parts = try receive(pull, timeoutMs: 500) {
            let value = parts[0].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            #expect(value == UInt32(received))
            received += 1
            if received == accepted { break }
        }
        #expect(received == accepted, "every accepted message arrives: \(received) of \(accepted)")
    }
}
