extension ByteReader {
    /// `digits` packed-BCD digits as a number, read as Traccar's `BcdUtil` does: every nibble counts
    /// as a digit (a nibble above 9 is not refused), and an odd count reads the high nibble of the
    /// next byte without consuming it.
    mutating func bcd(_ digits: Int) throws(DecodeError) -> Int {
        precondition((1...18).contains(digits), "bcd width \(digits) is a programming error")
        try require((digits + 1) / 2)
        var value = 0
        for byte in try read(digits / 2) { value = (value * 10 + Int(byte >> 4)) * 10 + Int(byte & 0x0F) }
        if let next = peek(), digits % 2 != 0 { value = value * 10 + Int(next >> 4) }
        return value
    }

    /// Six BCD bytes `YY MM DD hh mm ss` (`dayFirst`: `DD MM YY hh mm ss`) as unix ms, with the
    /// clock `offsetMinutes` east of UTC; out-of-range fields roll over (`UTCTime`).
    mutating func bcdDateTime(dayFirst: Bool = false, offsetMinutes: Int = 0) throws(DecodeError) -> Int64? {
        var f: [Int] = []
        for _ in 0..<6 { f.append(try bcd(2)) }
        let (year, day) = dayFirst ? (f[2], f[0]) : (f[0], f[2])
        return UTCTime.milliseconds(year: year, month: f[1], day: day, hour: f[3], minute: f[4] - offsetMinutes, second: f[5])
    }
}
