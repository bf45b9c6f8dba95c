import Codecs
import Decoder
import Testing
import TrackwireProtocol

@Suite struct FrameDecodingFilterTests {
    static func decoding(_ configure: (inout FilterSettings) -> Void) -> FrameDecoding {
        var settings = FilterSettings()
        configure(&settings)
        return FrameDecoding(instance: "test-1", nowMs: { Sample.receivedAtNs / 1_000_000 }, filters: settings)
    }

    @Test func process_filteredAlarm_becomesAFilteredRecordWithNoEvent_andTheFrameIsStillAcked() throws {
        var decoding = Self.decoding { $0.duplicate = true; $0.skipAttributes = [] }
        var durable = Sample.frame(Sample.gt06Alarm)
        durable.durable = true
        let first = decoding.process(durable)
        #expect(first.positionCount == 1 && first.eventCount == 1 && first.filtered.isEmpty)
        // The same alarm again under a later sequence: a duplicate of the last accepted fix.
        durable.sequence = 2
        let again = decoding.process(durable)
        #expect(again.positionCount == 0 && again.eventCount == 0, "no position and no event: \(again.messages.map(\.topic))")
        #expect(again.filtered == [.duplicate])
        let record = try #require(again.messages.first)
        #expect(record.topic == "err.filter" && again.topicKind(at: 0) == .err)
        let reject = try record.decode(Reject.self)
        #expect(reject.stage == "filter" && reject.errorType == "duplicate" && reject.instance == "test-1")
        #expect(reject.topic == Topic.position(device: Sample.imei))
        #expect(try Position(serializedBytes: Array(reject.body)).deviceID == Sample.imei, "the record keeps the position")
        #expect(again.ackRequest != nil, "the frame's ack request still rides with its records")
        #expect(decoding.tally.filtered == 1)
    }

    @Test func process_withFiltersOff_keepsEveryPosition() {
        var decoding = FrameDecoding(instance: "test-1")
        _ = decoding.process(Sample.frame(Sample.gt06Position))
        let again = decoding.process(Sample.frame(Sample.gt06Position, sequence: 2))
        #expect(again.positionCount == 1 && again.filtered.isEmpty)
    }
}
