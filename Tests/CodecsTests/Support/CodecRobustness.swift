import Foundation
import Codecs
import TrackwireProtocol

/// Feeds a codec random and mutated input and checks it neither crashes nor hangs: every framer
/// decision makes progress within the input, and `examine`/`decode` return or throw.
/// Used by each protocol's robustness test; `make fuzz` runs it with far more cases.
enum CodecRobustness {
    /// How many cases a test runs: `TW_FUZZ_CASES` or the given default. The default keeps `make test`
    /// short (100 000 cases a codec took 16 of the suite's minutes in a debug build); `make fuzz`
    /// runs 2 000 000 a codec in a release build.
    static func caseCount(default count: Int = 10_000) -> Int {
        ProcessInfo.processInfo.environment["TW_FUZZ_CASES"].flatMap(Int.init) ?? count
    }

    /// Runs `cases` inputs: a third pure random bytes, the rest mutations of `seeds` (bit flips,
    /// byte changes, truncation, duplication, splicing). Returns how many frames were cut, so a test
    /// can assert the run did real work.
    @discardableResult
    static func hammer(_ codec: any DeviceCodec, seeds: [[UInt8]], cases: Int, seed: UInt64 = 0x7717) -> Int {
        precondition(!seeds.isEmpty, "robustness needs at least one seed frame")
        var rng = SplitMix(seed: seed)
        var framesCut = 0
        for index in 0..<cases {
            let input = index % 3 == 0 ? randomBytes(&rng) : mutate(seeds[Int.random(in: 0..<seeds.count, using: &rng)], seeds: seeds, &rng)
            framesCut += exercise(codec, input)
        }
        return framesCut
    }

    private static func exercise(_ codec: any DeviceCodec, _ input: [UInt8]) -> Int {
        var framer = codec.makeFramer()
        let (frames, _, _) = framer.cutAll(input)
        let context = SessionContext(deviceId: "123456789012345", transport: .tcp)
        let decodeContext = DecodeContext(deviceId: "123456789012345", transport: .tcp, receivedAtMs: 1_700_000_000_000)
        // Whole input as one datagram, too: UDP and HTTP skip the framer.
        for frame in frames + [input] where !frame.isEmpty {
            _ = codec.examine(frame, context: context)
            _ = try? codec.decode(frame, context: decodeContext)
        }
        return frames.count
    }

    private static func randomBytes(_ rng: inout SplitMix) -> [UInt8] {
        let length = Int.random(in: 1...256, using: &rng)
        return (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    private static func mutate(_ seed: [UInt8], seeds: [[UInt8]], _ rng: inout SplitMix) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &rng)
            case 1: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 2: bytes.removeSubrange(at...)
            case 3: bytes.insert(contentsOf: bytes[at...].prefix(16), at: at)
            case 4: bytes += seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            default: bytes[at] = [0x00, 0xFF, 0x2C, 0x23, 0x0D, 0x0A, 0x7E, 0x5B][Int.random(in: 0..<8, using: &rng)]
            }
        }
        return bytes.isEmpty ? [0] : bytes
    }
}
