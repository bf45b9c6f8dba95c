import NIOCore
@testable import Push
import Testing
import TrackwireProtocol

/// The hub's logic without I/O: a recording subscriber stands in for a client.
@Suite struct HubTests {
    final class Recorder: Subscriber, @unchecked Sendable {
        var messages: [String] = []
        func offer(_ message: WireMessage) { messages.append(message.text) }
        func force(_ messages: [ByteBuffer]) { self.messages += messages.map { String(buffer: $0) } }
        func close(reason: String) {}
    }

    func position(_ hub: Hub, _ device: String) {
        let ingest = BusIngest(hub: hub)
        let position = Position.with { $0.deviceID = device; $0.latitude = 1; $0.longitude = 2 }
        try! ingest.ingest(topic: Topic.position(device: device), body: try! position.serializedBytes())
    }

    func makeHub(history: Int = 10, linger: Duration = .zero) -> Hub {
        Hub(historyCapacity: history, linger: linger, requests: SubscriptionRequests(), epoch: "e")
    }

    /// Two ids whose `pos.<pp>.<id>` topics share a prefix: the bus delivers both to a watcher of the first.
    func collidingPair() -> (String, String) {
        for n in 0..<10_000 {
            let a = "d\(n)"
            for suffix in 0..<100 where Partition(device: a + "\(suffix)") == Partition(device: a) { return (a, a + "\(suffix)") }
        }
        fatalError("no colliding pair")
    }

    @Test func deliver_toAWatcherOfA_neverSendsB_evenWhenTopicsSharePrefixes() {
        let hub = makeHub()
        let (a, b) = collidingPair()
        #expect(Topic.position(device: b).hasPrefix(Topic.position(device: a)))
        let recorder = Recorder()
        _ = hub.connect(recorder, watch: Watch(devices: [a]))
        position(hub, b)
        position(hub, a)
        #expect(recorder.messages.count == 1)
        #expect(recorder.messages[0].contains(#""device":"\#(a)""#))
    }

    @Test func connect_sendsTheLastPositionFirst() {
        let hub = makeHub()
        position(hub, "a")
        position(hub, "a")
        let recorder = Recorder()
        _ = hub.connect(recorder, watch: .everything)
        #expect(recorder.messages.count == 1)
        #expect(recorder.messages[0].contains(#""offset":2"#))
    }

    @Test func connect_withOffsets_replaysExactlyWhatWasMissed() {
        let hub = makeHub()
        for _ in 0..<5 { position(hub, "a") }
        let recorder = Recorder()
        _ = hub.connect(recorder, watch: Watch(devices: ["a"]), resume: Resume(offsets: ["a": 3], epoch: "e"))
        #expect(recorder.messages.map { $0.contains(#""offset":4"#) || $0.contains(#""offset":5"#) } == [true, true])
    }

    @Test func connect_withOffsetsOlderThanTheHistory_getsAGapMarkerFirst() {
        let hub = makeHub(history: 3)
        for _ in 0..<10 { position(hub, "a") }
        let recorder = Recorder()
        _ = hub.connect(recorder, watch: Watch(devices: ["a"]), resume: Resume(offsets: ["a": 2]))
        #expect(recorder.messages.first == #"{"type":"gap","device":"a","from":3,"to":7}"#)
        #expect(recorder.messages.count == 4)
    }

    @Test func connect_withAnotherEpoch_replaysFromTheStart() {
        let hub = makeHub()
        for _ in 0..<3 { position(hub, "a") }
        let recorder = Recorder()
        _ = hub.connect(recorder, watch: Watch(devices: ["a"]), resume: Resume(offsets: ["a": 2], epoch: "old"))
        #expect(recorder.messages.count == 3)
    }

    @Test func subscriptions_followWatchers_andLingerAfterTheLastLeaves() {
        let requests = SubscriptionRequests()
        let hub = Hub(historyCapacity: 4, linger: .seconds(60), requests: requests, epoch: "e")
        let first = hub.connect(Recorder(), watch: Watch(devices: ["a"], kinds: WatchKinds(positions: true, sessions: false, events: nil)))
        let second = hub.connect(Recorder(), watch: Watch(devices: ["a"], kinds: WatchKinds(positions: true, sessions: false, events: nil)))
        #expect(requests.take() == [.subscribe(Topic.position(device: "a"))])
        hub.disconnect(first)
        hub.disconnect(second)
        hub.sweep()
        #expect(requests.take() == [])
        hub.sweep(now: .now + .seconds(61))
        #expect(requests.take() == [.unsubscribe(Topic.position(device: "a"))])
    }

    @Test func unobservedStretch_becomesAGapForResumingClients() {
        let hub = makeHub()
        let watcher = hub.connect(Recorder(), watch: Watch(devices: ["a"]))
        position(hub, "a")
        hub.disconnect(watcher)
        hub.sweep(now: .now + .seconds(1))
        position(hub, "a")
        let recorder = Recorder()
        _ = hub.connect(recorder, watch: Watch(devices: ["a"]), resume: Resume(offsets: ["a": 1], epoch: "e"))
        #expect(recorder.messages.first == #"{"type":"gap","device":"a","from":2,"to":2}"#)
        #expect(recorder.messages.last?.contains(#""offset":3"#) == true)
    }

    @Test func clientQueue_overflow_closesWithAReason_andForcedMessagesDoNotCount() async {
        let queue = ClientQueue(capacity: 2)
        queue.force([ByteBuffer(string: "s1"), ByteBuffer(string: "s2"), ByteBuffer(string: "s3")])
        #expect(queue.offer(ByteBuffer(string: "1")))
        #expect(queue.offer(ByteBuffer(string: "2")))
        #expect(!queue.offer(ByteBuffer(string: "3")))
        #expect(queue.closeReason?.hasPrefix("slow consumer") == true)
        #expect(await queue.next() == nil)
    }

    @Test func backoff_doublesWithJitter_upToTheCap() {
        let backoff = Backoff(base: .milliseconds(100), max: .seconds(1))
        #expect(backoff.delay(attempt: 1, random: { _ in 1 }) == .milliseconds(100))
        #expect(backoff.delay(attempt: 3, random: { _ in 1 }) == .milliseconds(400))
        #expect(backoff.delay(attempt: 3, random: { _ in 0.5 }) == .milliseconds(200))
        #expect(backoff.delay(attempt: 40, random: { _ in 1 }) == .seconds(1))
    }
}
