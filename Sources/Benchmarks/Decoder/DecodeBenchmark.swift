import BusTools
import Codecs
import Decoder
import Foundation
import TrackwireProtocol

/// `tw bench decode`: how many frames a second the decoder's pure core turns into bus messages
/// (codec decode, stamping, topic and protobuf serialisation), on one thread, without sockets.
public enum DecodeBenchmark {
    /// What a run measured.
    public struct Result: Sendable, Equatable {
        /// Frames decoded per second of wall time.
        public var framesPerSecond: Double
        /// Positions produced per second.
        public var positionsPerSecond: Double
        /// Frames decoded in the measured part.
        public var frames: Int
        /// Positions they produced.
        public var positions: Int
        /// Rejects they produced (none for the built-in sample).
        public var rejects: Int
        /// Wall time of the measured part, in seconds.
        public var seconds: Double
        /// CPU time the measuring thread spent in it, in seconds: on a shared machine the wall
        /// time includes waiting for a core, the CPU time does not.
        public var cpuSeconds: Double
        /// Frames decoded per second of CPU time, the figure that compares across loaded runs.
        public var framesPerCPUSecond: Double { Double(frames) / max(cpuSeconds, 1e-9) }
    }

    /// Runs `frames` frames through `FrameDecoding`, cycling through `sample` (by default a mix of
    /// real GT06 and Teltonika captures), after one untimed pass over the sample.
    public static func run(frames count: Int, sample: [Frame] = sampleFrames) -> Result {
        precondition(count > 0 && !sample.isEmpty, "a benchmark needs frames to decode")
        var decoding = FrameDecoding(instance: "bench")
        for frame in sample { _ = decoding.process(frame) }
        let before = decoding.tally
        let clock = ContinuousClock()
        let cpuBefore = threadCPUSeconds()
        let elapsed = clock.measure {
            for index in 0..<count { _ = decoding.process(sample[index % sample.count]) }
        }
        let cpuSeconds = threadCPUSeconds() - cpuBefore
        let seconds = max(elapsed.inSeconds, 1e-9)
        let positions = decoding.tally.positions - before.positions
        return Result(
            framesPerSecond: Double(count) / seconds, positionsPerSecond: Double(positions) / seconds,
            frames: count, positions: positions, rejects: decoding.tally.rejects - before.rejects, seconds: seconds,
            cpuSeconds: cpuSeconds
        )
    }

    /// The same-run baseline: the codecs alone decoding the same frames (no stamping, filters,
    /// topics or encoding), in frames per CPU-second. `tw bench decode` reports the core's rate as a
    /// ratio to it, which says how much the decoder adds to its codecs on this machine today.
    public static func codecsOnly(frames count: Int, sample: [Frame] = sampleFrames) throws -> Double {
        precondition(count > 0 && !sample.isEmpty, "a benchmark needs frames to decode")
        let inputs = sample.map { frame in
            (codec: CodecRegistry.codec(named: frame.protocol)!, payload: Array(frame.payload), context: frame.decodeContext)
        }
        var positions = 0
        for input in inputs { positions += try input.codec.decode(input.payload, context: input.context).positions.count }
        let cpuBefore = threadCPUSeconds()
        for index in 0..<count {
            let input = inputs[index % inputs.count]
            positions &+= try input.codec.decode(input.payload, context: input.context).positions.count
        }
        let cpuSeconds = threadCPUSeconds() - cpuBefore
        precondition(positions > 0, "the sample decoded to no positions")
        return Double(count) / max(cpuSeconds, 1e-9)
    }

    /// The CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Frames as a gateway would push them, from captures in `shared/fixtures/device-captures.jsonl`:
    /// GT06 location, alarm and status heartbeat (lines 8, 2, 11), Teltonika codec 8 packets of 3
    /// and 4 records (lines 150, 166).
    public static let sampleFrames: [Frame] = [
        ("gt06", "787840a2180b0f0f3407cf00602cd208354064001c6a02dc650000698100000000095674c9114100002a04000100004b31000000000863829079286793020001a22a8f0d0a"),
        ("gt06", "78782da41a0509160203cf05be31f80c306530001c0010012ed000007ef40000000006428b074205041302ff0009389c0d0a"),
        ("gt06", "7878131340b2fa000201040000000000011c00400e550d0a"),
        ("teltonika", "00000000000000e708030000018293d62060000de1f6a62159767e00000000000000000b074504f00050041500c801ef004f630342320043000344000001f100006019000000018291b0c790000de1f6a62159767e006e0144070000ef12074503f00050051505c800ef004f0207b5000eb6000b423324180000ce00dc43001144000004c700000007f100006019cd0003c7776300ea4e2e000000018291aff0b8000de1f91f21597405006f00f61300080012074503f00150051504c800ef014f0207b50009b600054236c1180008ce00dc43003f44000004c700000003f100006019cd0003c7776300ea4e2700030000a48d"),
        ("teltonika", "000000000000009f080400000159738f76b8012e13b796110ab27600d700000b00004e01000000014e000000000000000000000159738f6ee8012e13b796110ab27600d700000a00004e01000000014e01000b00791c179300000159738f6b00012e13b796110ab27600d700000a00004e01000000014e000000000000000000000159738f5f48012e13b796110ab27600d700000b00004e01000000014e01000b00791c17930400009671"),
    ].enumerated().map { index, capture in
        Frame.with {
            $0.gatewayID = "bench"
            $0.sessionID = UInt64(index)
            $0.sequence = 1
            $0.deviceID = "35\(String(repeating: "0", count: 12))\(index)"
            $0.protocol = capture.0
            $0.transport = .tcp
            $0.receivedAtNs = 1_700_000_000_000_000_000
            $0.payload = Data(Hex.decode(capture.1)!)
        }
    }
}
