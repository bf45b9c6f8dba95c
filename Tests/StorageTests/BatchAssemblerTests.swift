import Foundation
import Testing
import TrackwireProtocol
@testable import Storage

/// Store-queue messages into batches, and what a commit acknowledges: pure logic, no I/O.
@Suite struct BatchAssemblerTests {
    /// Feeds `parts` as the queue thread does: views of buffers that live for the call only.
    private func add(_ assembler: inout BatchAssembler, _ parts: [[UInt8]]) -> BatchAssembler.Intake {
        let buffers = parts.map { part in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: part.count, alignment: 1)
            buffer.copyBytes(from: part)
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        return assembler.add(buffers.map { UnsafeRawBufferPointer($0) }, nowMs: 42, at: .now)
    }

    private func envelope(_ topic: String, _ position: Position) -> [[UInt8]] { Envelope(topic: topic, message: position).frames }

    @Test func add_sortsEachTopicKindIntoTheBatch() {
        var assembler = BatchAssembler(instance: "s1")
        let position = StorageSamples.position(fixTimeMs: 1)
        let event = StorageSamples.event(id: "e", timeMs: 2)
        let session = StorageSamples.session(state: .online, timeMs: 3)
        let reject = StorageSamples.reject(timeMs: 4)
        #expect(add(&assembler, envelope(Topic.position(device: position.deviceID), position)) == .position)
        #expect(add(&assembler, Envelope(topic: Topic.event(device: event.deviceID, kind: event.kind), message: event).frames) == .event)
        #expect(add(&assembler, Envelope(topic: Topic.session(device: session.deviceID), message: session).frames) == .session)
        #expect(add(&assembler, Envelope(topic: Topic.reject(stage: "decoder"), message: reject).frames) == .reject)
        let batch = assembler.take()
        #expect(batch.positions == [position] && batch.events == [event] && batch.sessions == [session] && batch.rejects == [reject])
        #expect(assembler.batch.isEmpty && assembler.startedAt == nil)
    }

    @Test func add_keepsWhatItCannotDecodeAsAStorageDeadLetter() {
        var assembler = BatchAssembler(instance: "s1")
        let garbage: [UInt8] = [0xFF, 0xFF, 0xFF]
        #expect(add(&assembler, [Array("pos.2a.dev".utf8), garbage]) == .refused(errorType: "bad_body"))
        #expect(add(&assembler, [Array("nonsense".utf8), [1]]) == .refused(errorType: "bad_topic"))
        #expect(add(&assembler, [Array("cmd.dev".utf8), [1]]) == .refused(errorType: "unexpected_topic"))
        #expect(add(&assembler, [Array("pos.2a.dev".utf8)]) == .refused(errorType: "bad_message"))
        let rejects = assembler.take().rejects
        #expect(rejects.count == 4)
        #expect(rejects.allSatisfy { $0.stage == "storage" && $0.instance == "s1" && $0.timeMs == 42 && !$0.reason.isEmpty })
        #expect(rejects[0].topic == "pos.2a.dev" && Array(rejects[0].body) == garbage)
    }

    @Test func durableAcks_carryTheHighestSequencePerGatewaySession() {
        let positions = [
            StorageSamples.position(fixTimeMs: 1, sequence: 5, session: 1),
            StorageSamples.position(fixTimeMs: 2, sequence: 9, session: 1),
            StorageSamples.position(fixTimeMs: 3, sequence: 7, session: 1),
            StorageSamples.position(fixTimeMs: 4, sequence: 2, session: 2, gateway: "gw2"),
            StorageSamples.position(fixTimeMs: 5, sequence: 3, session: 2, gateway: ""),
        ]
        let acks = DurableAcks.of(positions)
        #expect(acks.map { "\($0.gatewayID)/\($0.sessionID)/\($0.sequence)/\($0.positions)" } == ["gw1/1/9/3", "gw2/2/2/1"])
    }

    @Test func deviceActivity_foldsABatchIntoOneEntryPerDevice() {
        let batch = WriteBatch(
            positions: [StorageSamples.position(device: "b", fixTimeMs: 20), StorageSamples.position(device: "b", fixTimeMs: 10)],
            sessions: [StorageSamples.session(device: "a", state: .online, timeMs: 5), StorageSamples.session(device: "a", state: .offline, timeMs: 6)]
        )
        let activity = DeviceActivity.of(batch)
        #expect(activity.map(\.deviceID) == ["a", "b"])
        #expect(activity[0].online == false && activity[0].firstSeenMs == 5 && activity[0].lastSeenMs == 6)
        #expect(activity[1].latestPosition?.fixTimeMs == 20 && activity[1].firstSeenMs == 260 && activity[1].lastSeenMs == 270)
    }
}
