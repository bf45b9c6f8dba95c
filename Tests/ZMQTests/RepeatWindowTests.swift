import Foundation
import Testing
import TrackwireTesting
@testable import ZMQ

@Suite struct RepeatWindowTests {
    private let message: [[UInt8]] = [Array("pos.01.dev1".utf8), [1, 2, 3]]

    @Test func secondCopy_isARepeat_andAThirdSendingIsHeardAgain() {
        var window = RepeatWindow(copies: 2)
        // After both copies arrived, the same bytes published once more (a command sent again) pass.
        let answers = [1_000, 1_001, 1_002].map { window.isRepeat(message, nowMs: $0) }
        #expect(answers == [false, true, false])
        #expect(window.count == 1)
    }

    @Test func sameBytesSplitDifferently_areNotARepeat() {
        var window = RepeatWindow(copies: 2)
        let answers = [window.isRepeat([[1, 2], [3]], nowMs: 0), window.isRepeat([[1], [2, 3]], nowMs: 0)]
        #expect(answers == [false, false])
    }

    @Test func aCopyAfterTheWindow_isTakenAsNew() {
        var window = RepeatWindow(copies: 2, windowMs: 100)
        let answers = [window.isRepeat(message, nowMs: 1_000), window.isRepeat([[9]], nowMs: 1_200), window.isRepeat(message, nowMs: 1_201)]
        #expect(answers == [false, false, false])
    }

    @Test func theWindowIsBounded_byCapacity() {
        var window = RepeatWindow(copies: 2, capacity: 100)
        for index in 0..<10_000 { _ = window.isRepeat([withUnsafeBytes(of: index) { Array($0) }], nowMs: 0) }
        #expect(window.count <= 100)
        // The newest are still remembered.
        let newest = window.isRepeat([withUnsafeBytes(of: 9_999) { Array($0) }], nowMs: 0)
        #expect(newest)
    }

    @Test func subscriberOnTwoPublishers_receivesEachMessageOnce() throws {
        let harness = try TestSockets()
        let publishers = try (0..<2).map { _ in try harness.socket(.pub) }
        let endpoints = try publishers.map { try harness.bind($0, on: .tcp) }
        let sub = try harness.socket(.sub, SocketOptions().with { $0.subscriptions = [""] })
        try sub.attach(Endpoints(endpoints.joined(separator: ","), defaultAction: .connect))
        // Wait until both publishers have the subscription: each sends its own marker until it arrives.
        for (index, publisher) in publishers.enumerated() {
            _ = try publishUntilReceived(publisher, sub, topic: "ready.\(index)")
        }
        while try sub.receive(timeoutMs: 200) != nil {}
        let skippedBefore = sub.repeatsSkipped
        for sequence in 0..<100 {
            for publisher in publishers { try publisher.send(topic: "pos.01.dev1", body: [UInt8(sequence)]) }
        }
        for (index, publisher) in publishers.enumerated() { try publisher.send(topic: "end.\(index)", body: []) }
        var (bodies, ends): ([UInt8], Int) = ([], 0)
        while ends < 2, let parts = try sub.receive(timeoutMs: 5_000) {
            if parts[0].starts(with: Array("end.".utf8)) { ends += 1 } else { bodies.append(parts[1][0]) }
        }
        #expect(bodies == (0..<100).map { UInt8($0) })
        #expect(sub.repeatsSkipped - skippedBefore == 100)
    }
}
