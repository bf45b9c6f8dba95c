import Testing
@testable import ZMQ

@Suite struct BoundedHandoffTests {
    @Test func handoff_preservesOrderUnderContention() async {
        let handoff = BoundedHandoff<Int>(capacity: 4)
        DedicatedThread.start(name: "producer") {
            for i in 0..<200_000 { _ = handoff.put(i) }
            handoff.finish()
        }
        var expected = 0
        var outOfOrder = 0
        while let value = await handoff.next() {
            if value != expected { outOfOrder += 1 }
            expected = value + 1
        }
        #expect(outOfOrder == 0)
        #expect(expected == 200_000)
    }
}
