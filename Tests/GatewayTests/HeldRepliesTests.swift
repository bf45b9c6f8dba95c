import Testing
@testable import Gateway

/// The durable-ack hold queue: pure, no I/O.
@Suite struct HeldRepliesTests {
    @Test func confirm_releasesInArrivalOrder_onlyOnceEveryEarlierFrameIsCommitted() {
        var held = HeldReplies<String>()
        for sequence in 1...4 { held.hold("r\(sequence)", sequence: UInt64(sequence), deadlineMs: 100) }
        #expect(held.confirm([2, 3]).released.isEmpty, "2 and 3 wait for 1")
        #expect(held.confirm([1]).released == ["r1", "r2", "r3"])
        #expect(held.count == 1)
        #expect(held.confirm([4]).released == ["r4"] && held.isEmpty)
    }

    @Test func confirm_ofSequencesNotHeld_isCountedAndAcksNothingElse() {
        var held = HeldReplies<String>()
        held.hold("r5", sequence: 5, deadlineMs: 100)
        let result = held.confirm([4, 6, 7])
        #expect(result.released.isEmpty && result.unknown == 3 && held.count == 1)
        #expect(held.confirm([5, 5]).unknown == 1, "a second confirmation of one frame is late")
    }

    @Test func deadlines_theOldestHeldFrameDecides() {
        var held = HeldReplies<String>()
        held.hold("a", sequence: 1, deadlineMs: 100)
        held.hold("b", sequence: 2, deadlineMs: 200)
        #expect(held.nextDeadlineMs == 100 && !held.isOverdue(nowMs: 99) && held.isOverdue(nowMs: 100))
        _ = held.confirm([2])
        let expired = held.expire(nowMs: 150)
        #expect(expired.expired == 1 && expired.released == ["b"], "the frame behind an expired one goes out")
        #expect(held.isEmpty && held.abandon() == 0)
    }
}
