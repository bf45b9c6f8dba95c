import Decoder
import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// The decoder's I/O loop over real sockets (inproc, one context), through `ServiceGroup`'s
/// graceful shutdown as `tw-decoder` runs it.
@Suite(.serialized) struct DecoderServiceTests {
    /// Sequence numbers at or above this mark test frames; below, warm-up frames.
    static let firstTestSequence: UInt64 = 1_000

    @Test func service_deliversTheSameMessagesToBroadcastAndStore() async throws {
        let harness = try DecoderHarness()
        try waitUntilSubscribed(harness)
        let captures = [Sample.gt06Position, Sample.teltonikaPacket, Sample.gt06Alarm]
        var expected = FrameDecoding(instance: "t1")
        var wanted: [Envelope] = []
        for (offset, capture) in captures.enumerated() {
            let frame = Sample.frame(capture, sequence: Self.firstTestSequence + UInt64(offset))
            wanted += expected.process(frame).messages
            try harness.push(frame)
        }
        let stored = try receive(wanted.count, from: harness.store)
        let published = try receive(wanted.count, from: harness.broadcast) { try Self.isTestMessage($0) }
        #expect(published == stored)
        // Map fields serialise in no fixed order: compare what the bodies say, not their bytes.
        #expect(try stored.map(Self.content) == wanted.map(Self.content))
        #expect(await harness.stop())
        #expect(harness.counter("received") >= 3 && harness.counter("sent.evt") == 1)
        harness.close()
    }

    @Test func service_rejectsGarbageAndKeepsServing() async throws {
        let harness = try DecoderHarness()
        try harness.frames.send(topic: "raw.00.x", body: [0xFF, 0xFF, 0xFF])
        try harness.frames.send([Array("raw.00.x".utf8)])
        try harness.push(Sample.garbage())
        try harness.push(Sample.frame(Sample.gt06Position))
        let messages = try receive(4, from: harness.store)
        #expect(messages.map(\.topic) == ["err.decoder", "err.decoder", "err.decoder", Topic.position(device: Sample.imei)])
        let rejects = try messages.prefix(3).map { try $0.decode(Reject.self) }
        #expect(rejects.map(\.errorType).prefix(2) == ["bad_message", "bad_message"])
        #expect(Array(rejects[0].body) == [0xFF, 0xFF, 0xFF] && rejects[0].topic == "raw.00.x")
        #expect(try Frame(serializedBytes: Array(rejects[2].body)) == Sample.garbage())
        #expect(harness.counter("errors.bad_message") == 2 && harness.counter("sent.err") == 3)
        #expect(harness.counter("frames.position") == 1)
        #expect(await harness.stop())
        harness.close()
    }

    @Test func service_whenStorageIsSlow_stopsPullingAndDropsNothing() async throws {
        let harness = try DecoderHarness(runtimeArguments: ["--sndhwm", "1", "--rcvhwm", "1"], storeHighWaterMark: 1)
        let total = 50
        for sequence in 0..<total { try harness.push(Sample.frame(Sample.gt06Position, sequence: UInt64(sequence))) }
        // It has started taking frames; a decoder that read ahead of storage would take all of them at once.
        #expect(await eventually { harness.counter("received") > 0 })
        #expect(await !eventually(timeout: .milliseconds(300)) { harness.counter("received") >= UInt64(total) },
                "the decoder must wait for storage, not read ahead")
        let stored = try receive(total, from: harness.store).map { try $0.decode(Position.self).frame.sequence }
        #expect(stored == (0..<UInt64(total)).map { $0 })
        #expect(await harness.stop())
        harness.close()
    }

    @Test func stop_decodesTheFramesAlreadyTakenBeforeReturning() async throws {
        let harness = try DecoderHarness()
        let total = 200
        for sequence in 0..<total { try harness.push(Sample.frame(Sample.gt06Position, sequence: UInt64(sequence))) }
        #expect(await harness.stop())
        let stored = try receive(total, from: harness.store, timeoutMs: 1_000)
        #expect(stored.count == total)
        harness.close()
    }

    @Test func stop_whenStorageNeverAnswers_givesUpAfterTheDrainTimeoutAndCountsTheDrop() async throws {
        let harness = try DecoderHarness(unreachableStore: true, drainTimeout: .init(milliseconds: 200))
        try harness.push(Sample.frame(Sample.gt06Position))
        #expect(await eventually { harness.counter("received") > 0 })
        #expect(await harness.stop(within: .seconds(3)))
        #expect(harness.counter("dropped.drain_timeout") == 1)
        harness.close()
    }

    // MARK: Helpers

    /// Pushes warm-up frames until the broadcast SUB sees one (slow joiner), draining the store.
    private func waitUntilSubscribed(_ harness: DecoderHarness) throws {
        for sequence in 0..<Self.firstTestSequence {
            try harness.push(Sample.frame(Sample.gt06Position, sequence: sequence))
            _ = try #require(try harness.store.receiveEnvelope())
            if try harness.broadcast.receiveEnvelope(timeoutMs: 20) != nil { return }
        }
        Issue.record("the broadcast subscription never reached the decoder")
    }

    /// A message's topic and decoded body, comparable whatever order its maps were written in.
    private static func content(_ envelope: Envelope) throws -> String {
        let body: any CustomDebugStringConvertible = envelope.topic.hasPrefix("pos.")
            ? try envelope.decode(Position.self) : try envelope.decode(Event.self)
        return "\(envelope.topic) \(body)"
    }

    private static func isTestMessage(_ envelope: Envelope) throws -> Bool {
        let sequence = envelope.topic.hasPrefix("pos.")
            ? try envelope.decode(Position.self).frame.sequence
            : try envelope.decode(Event.self).position.frame.sequence
        return sequence >= firstTestSequence
    }

    /// Receives `count` messages passing `filter`, failing the test on a timeout.
    private func receive(
        _ count: Int, from socket: Socket, timeoutMs: Int = 5_000, where filter: (Envelope) throws -> Bool = { _ in true }
    ) throws -> [Envelope] {
        var messages: [Envelope] = []
        while messages.count < count {
            for message in try #require(try socket.receiveEnvelopes(timeoutMs: timeoutMs), "got \(messages.count) of \(count)") {
                if try filter(message) { messages.append(message) }
            }
        }
        return messages
    }
}
