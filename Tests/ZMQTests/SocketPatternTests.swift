import Foundation
import Testing
@testable import ZMQ

@Suite struct SocketPatternTests {
    @Test(arguments: TestTransport.allCases)
    func pushPull_spreadsWorkAcrossThreePullers(transport: TestTransport) throws {
        let harness = try Harness()
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
        let deadline = Date().addingTimeInterval(5)
        while counts.contains(0) && Date() < deadline {
            try push.send([[UInt8(sent & 0xFF)]])
            sent += 1
            for (index, pull) in pullers.enumerated() {
                while let _ = try pull.receive(wait: false) { counts[index] += 1 }
            }
            Thread.sleep(forTimeInterval: 0.001)
        }
        for _ in 0..<300 { try push.send([[7]]); sent += 1 }
        var received = counts.reduce(0, +)
        while received < sent {
            for (index, pull) in pullers.enumerated() {
                if let _ = try receive(pull, timeoutMs: 10) { counts[index] += 1; received += 1 }
            }
            if Date() > deadline.addingTimeInterval(5) { break }
        }
        #expect(received == sent)
        #expect(counts.allSatisfy { $0 >= 50 }, "fair queueing should give each puller a share: \(counts)")
    }

    @Test(arguments: TestTransport.allCases)
    func pubSub_filtersByTopicPrefix(transport: TestTransport) throws {
        let harness = try Harness()
        let pub = try harness.socket(.pub)
        let endpoint = try harness.bind(pub, on: transport)
        let sub = try harness.socket(.sub, SocketOptions().with { $0.subscriptions = ["pos.01."] })
        try sub.connect(endpoint)
        let first = try publishUntilReceived(pub, sub, topic: "pos.01.dev1")
        #expect(first.map { String(decoding: $0[0], as: UTF8.self) } == "pos.01.dev1")
        for topic in ["pos.02.dev2", "evt.01.dev1.alarm", "pos.01", "pos.01.dev3"] {
            try pub.send(topic: topic, body: [2])
        }
        var topics: [String] = []
        while let message = try receive(sub, timeoutMs: 200) {
            topics.append(String(decoding: message[0], as: UTF8.self))
        }
        #expect(topics.allSatisfy { $0 == "pos.01.dev1" || $0 == "pos.01.dev3" })
        #expect(topics.contains("pos.01.dev3"))
    }

    @Test(arguments: TestTransport.allCases)
    func sub_connectedBeforePublisherExists_receivesOnceItAppears(transport: TestTransport) throws {
        let harness = try Harness()
        let endpoint: String
        switch transport {
        case .tcp: endpoint = "tcp://127.0.0.1:\(freeTCPPort())"
        default: endpoint = transport.bindEndpoint()
        }
        let sub = try harness.socket(.sub, SocketOptions().with { $0.subscriptions = [""]; $0.reconnectIntervalMs = 20 })
        try sub.connect(endpoint)
        Thread.sleep(forTimeInterval: 0.1)
        let pub = try harness.socket(.pub)
        try pub.bind(endpoint)
        let message = try publishUntilReceived(pub, sub, topic: "hb.bus.1")
        #expect(message?.count == 2)
    }

    @Test(arguments: [TestTransport.inproc, .tcp])
    func pushPull_millionMultipartMessages_arriveCompleteAndInOrder(transport: TestTransport) async throws {
        let harness = try Harness()
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
        let harness = try Harness()
        let small = SocketOptions().with { $0.sendHighWaterMark = 10; $0.receiveHighWaterMark = 10 }
        let pull = try harness.socket(.pull, small)
        let endpoint = try harness.bind(pull, on: transport)
        let push = try harness.socket(.push, small)
        try push.connect(endpoint)
        Thread.sleep(forTimeInterval: 0.1)
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

/// An ephemeral TCP port that was free a moment ago.
func freeTCPPort() -> Int {
    let harness = try! Harness()
    let probe = try! harness.socket(.pull)
    try! probe.bind("tcp://127.0.0.1:*")
    let port = Int(probe.lastEndpoint.split(separator: ":").last!)!
    probe.close()
    return port
}
