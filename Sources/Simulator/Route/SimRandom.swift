/// SplitMix64: a small seedable generator, so `--seed` makes runs repeatable.
struct SimRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator for one vehicle: the run's seed mixed with the vehicle's index.
    init(seed: UInt64, stream: UInt64 = 0) {
        state = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
