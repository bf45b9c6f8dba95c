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

    @Test func add_sortsEachTopicKindIntoTheBatch() throws {
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
        #expect(try batch.positions.map { try $0.position() } == [position] && batch.events == [event] && batch.sessions == [session] && batch.rejects == [reject])
        #expect(assembler.batch.isEmpty && assembler.startedAt == nil)
    }

    @Test func add_keepsWhatItCannotDecodeAsAStorageDeadLetter() {
        var assembler = BatchAssembler(instance: "s1")
        let garbage: [UInt8] = [0xFF, 0xFF, 0xFF]
        #expect(add(&assembler, [Array("pos.2a.dev".utf8), garbage]) == .refused(errorType: "bad_body"))
        #expect(add(&assembler, [Array("nonsense".utf8), [1]]) == .refused(errorType: "bad_topic"))
        #expect(add(&assembler, [Array("cfg.geofence".utf8), [1]]) == .refused(errorType: "unexpected_topic"))
        #expect(add(&assembler, [Array("pos.2a.dev".utf8)]) == .refused(errorType: "bad_message"))
        let rejects = assembler.take().rejects
        #expect(rejects.count == 4)
        #expect(rejects.allSatisfy { $0.stage == "storage" && $0.instance == "s1" && $0.timeMs == 42 && !$0.reason.isEmpty })
        #expect(rejects[0].topic == "pos.2a.dev" && Array(rejects[0].body) == garbage)
    }

    @Test func add_takesAGatewaysCommandReport_andRefusesOneWithoutIdOrStatus() throws {
        var assembler = BatchAssembler(instance: "s1")
        let sent = Command.with { $0.id = "c1"; $0.deviceID = "dev"; $0.status = "sent"; $0.gatewayID = "gw1" }
        #expect(add(&assembler, Envelope(topic: Topic.command(device: "dev"), message: sent).frames) == .commandReport)
        let queued = Command.with { $0.id = "c2"; $0.deviceID = "dev"; $0.status = "queued" }
        #expect(add(&assembler, Envelope(topic: Topic.command(device: "dev"), message: queued).frames) == .refused(errorType: "bad_command_report"))
        let batch = assembler.take()
        #expect(batch.commandReports == [sent] && batch.rejects.count == 1 && batch.count == 1 && !batch.isEmpty)
    }

    private func request(gateway: String = "gw1", session: UInt64, sequence: UInt64, positions: UInt32 = 1) -> Ack {
        .with {
            $0.gatewayID = gateway
            $0.sessionID = session
            $0.sequence = sequence
            $0.positions = positions
        }
    }

    @Test func add_takesAFramesRecordsAndAckRequestAsOneMessage() throws {
        var assembler = BatchAssembler(instance: "s1")
        let first = StorageSamples.position(fixTimeMs: 1)
        let second = StorageSamples.position(fixTimeMs: 2)
        let ack = request(session: 4, sequence: 9, positions: 2)
        let message = envelope(Topic.position(device: first.deviceID), first) + envelope(Topic.position(device: second.deviceID), second)
            + Envelope(topic: Topic.ack(gateway: "gw1"), message: ack).frames
        #expect(add(&assembler, message) == .unit(pairs: 3, refused: []))
        let batch = assembler.take()
        #expect(try batch.positions.map { try $0.position() } == [first, second] && batch.ackRequests == [ack])
        #expect(batch.count == 2, "an ack request is not a record")
    }

    @Test func add_aFrameThatBecameNothing_isAnAckRequestAlone_andTheBatchIsNotEmpty() {
        var assembler = BatchAssembler(instance: "s1")
        #expect(add(&assembler, Envelope(topic: Topic.ack(gateway: "gw1"), message: request(session: 1, sequence: 1, positions: 0)).frames) == .ackRequest)
        #expect(!assembler.batch.isEmpty && assembler.batch.count == 0)
    }

    @Test func add_aBadPairInAUnit_isADeadLetter_andTheRestIsKept() throws {
        var assembler = BatchAssembler(instance: "s1")
        let position = StorageSamples.position(fixTimeMs: 1)
        let message = envelope(Topic.position(device: position.deviceID), position) + [Array("pos.2a.dev".utf8), [0xFF, 0xFF]]
            + Envelope(topic: Topic.ack(gateway: "gw1"), message: request(session: 4, sequence: 9)).frames
        #expect(add(&assembler, message) == .unit(pairs: 3, refused: ["bad_body"]))
        let batch = assembler.take()
        #expect(try batch.positions.map { try $0.position() } == [position] && batch.rejects.count == 1 && batch.ackRequests.count == 1)
        #expect(add(&assembler, [Array("a".utf8), [1], Array("b".utf8)]) == .refused(errorType: "bad_message"), "odd part counts are not pairs")
        #expect(add(&assembler, Envelope(topic: "ack.gw1", message: Ack()).frames) == .refused(errorType: "bad_ack"))
    }

    @Test func durableAcks_confirmEveryRequestedFrame_oneMessagePerGateway() {
        let requests = [
            request(session: 1, sequence: 5), request(session: 1, sequence: 9, positions: 2),
            request(gateway: "gw2", session: 2, sequence: 2, positions: 0), request(session: 3, sequence: 1),
        ]
        let acks = DurableAcks.confirming(requests)
        #expect(acks.map(\.gatewayID) == ["gw1", "gw2"])
        #expect(acks[0].frames.map { "\($0.sessionID)/\($0.sequence)" } == ["1/5", "1/9", "3/1"])
        #expect(acks[0].positions == 4 && acks[1].frames.map(\.sequence) == [2])
        #expect(acks.allSatisfy { $0.frames.allSatisfy { $0.gatewayID.isEmpty } })
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
