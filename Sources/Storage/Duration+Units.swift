extension Duration {
    /// The duration in whole nanoseconds.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in whole milliseconds.
    var wholeMilliseconds: Int64 { wholeNanoseconds / 1_000_000 }
}
