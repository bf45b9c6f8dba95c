import NIOCore
@testable import Push
import Synchronization
import Testing

/// The queue's wake-and-take side (the WebSocket writer's) without I/O.
@Suite struct ClientQueueTests {
    final class WakeCounter: Sendable {
        let count = Atomic<Int>(0)
        func wake() { count.add(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }

    func texts(_ buffers: [ByteBuffer]?) -> [String]? { buffers?.map { String(buffer: $0) } }

    @Test func wakeOnArrival_wakesOnce_untilTakeFindsTheQueueEmpty() {
        let queue = ClientQueue(capacity: 10)
        let wakes = WakeCounter()
        queue.wakeOnArrival { wakes.wake() }
        #expect(wakes.value == 0)
        queue.offer(ByteBuffer(string: "a"))
        queue.offer(ByteBuffer(string: "b"))
        #expect(wakes.value == 1)
        #expect(texts(queue.take()) == ["a", "b"])
        queue.offer(ByteBuffer(string: "c"))
        #expect(wakes.value == 1, "woken and not yet found empty: no second wake-up")
        #expect(texts(queue.take()) == ["c"])
        #expect(texts(queue.take()) == [])
        queue.force([ByteBuffer(string: "d")])
        #expect(wakes.value == 2)
    }

    @Test func wakeOnArrival_withMessagesAlreadyWaiting_wakesAtOnce() {
        let queue = ClientQueue(capacity: 10)
        queue.force([ByteBuffer(string: "hello")])
        let wakes = WakeCounter()
        queue.wakeOnArrival { wakes.wake() }
        #expect(wakes.value == 1)
        #expect(texts(queue.take()) == ["hello"])
    }

    @Test func offer_whileTheWriterTakesNothing_overflowsAndClosesAsASlowConsumer() {
        let queue = ClientQueue(capacity: 3)
        queue.wakeOnArrival {}
        queue.force([ByteBuffer(string: "snapshot")])
        for n in 0..<3 { #expect(queue.offer(ByteBuffer(string: "\(n)"))) }
        #expect(!queue.offer(ByteBuffer(string: "one too many")))
        #expect(queue.closeReason == "slow consumer: more than 3 messages waiting")
        #expect(queue.take() == nil)
    }
}
