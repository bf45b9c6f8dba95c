/// The GPS part of a TK103 message, either form:
/// `<date 6>[,]<A|V>[,]<lat>N|S[,]<lon>E|W[,]<speed ≤5>[..,]<hhmmss>[,]` then either
/// `<course 6|2>[,]<charge><ignition><io x3><fuel x3>L<odometer hex>` or `<course d+.d+>`.
/// Parsed the way Traccar's pattern matches: longest speed first, the io block before the bare course.
struct TK103Fix {
    /// The date's three two-digit groups as sent (`yyMMdd` fixed form, `ddMMyy` comma form).
    var date: (Int, Int, Int)
    var valid: Bool
    var latitude: Double
    var longitude: Double
    var speed: Double
    var time: (hour: Int, minute: Int, second: Int)
    var course: Double?
    var io: TK103IoBlock?

    /// The first fix found scanning `bytes` from the start, and the offset where it begins.
    static func find(in bytes: [UInt8]) -> (start: Int, fix: TK103Fix)? {
        let isValidity = { (index: Int) in index < bytes.count && (bytes[index] == 0x41 || bytes[index] == 0x56) }
        // A fix starts with six digits and a validity letter (after an optional comma).
        for start in bytes.indices where isValidity(start + 6) || isValidity(start + 7) {
            if let fix = parse(bytes, at: start) { return (start, fix) }
        }
        return nil
    }

    static func parse(_ bytes: [UInt8], at start: Int) -> TK103Fix? {
        var c = TK103Cursor(bytes: bytes, index: start)
        guard let date = c.pairs() else { return nil }
        c.skip(UInt8(ascii: ","))
        guard let validity = c.one(of: "AV") else { return nil }
        c.skip(UInt8(ascii: ","))
        guard let latitude = coordinate(&c, "NS"), let longitude = coordinate(&c, "EW"),
              Coordinates.isOnGlobe(latitude: latitude, longitude: longitude) else { return nil }
        for length in stride(from: 5, through: 1, by: -1) {
            var afterSpeed = c
            guard let speed = afterSpeed.run(length, TK103Cursor.isSpeedChar) else { continue }
            for var timed in timeCandidates(afterSpeed) {
                guard let time = timed.pairs() else { continue }
                timed.skip(UInt8(ascii: ","))
                guard let (course, io) = tail(&timed) else { continue }
                return TK103Fix(date: date, valid: validity == UInt8(ascii: "A"), latitude: latitude,
                                longitude: longitude, speed: number(speed) ?? 0,
                                time: (hour: time.0, minute: time.1, second: time.2), course: course, io: io)
            }
        }
        return nil
    }

    /// ` *d*dd.d+` then the hemisphere letter and an optional comma.
    private static func coordinate(_ c: inout TK103Cursor, _ hemispheres: String) -> Double? {
        var probe = c
        while probe.peek() == 0x20 { probe.index += 1 }
        guard let value = probe.pointDecimal(), value.prefix(while: { $0 != "." }).count >= 2,
              let hemisphere = probe.one(of: hemispheres) else { return nil }
        probe.skip(UInt8(ascii: ","))
        c = probe
        return Coordinates.degrees(nmea: value, hemisphere: Character(Unicode.Scalar(hemisphere)))
    }

    /// After the speed an optional `d*,` may come before the time; with it first, as the regex tries.
    private static func timeCandidates(_ c: TK103Cursor) -> [TK103Cursor] {
        var skipped = c
        _ = skipped.longest(TK103Cursor.isDigit)
        guard skipped.peek() == UInt8(ascii: ",") else { return [c] }
        skipped.index += 1
        return [skipped, c]
    }

    private static func tail(_ c: inout TK103Cursor) -> (Double?, TK103IoBlock?)? {
        for courseLength in [6, 2] {
            var probe = c
            let course = courseLength == 6
                ? probe.run(6) { TK103Cursor.isSpeedChar($0) }
                : probe.run(2) { TK103Cursor.isDigit($0) }
            guard let course else { continue }
            probe.skip(UInt8(ascii: ","))
            if let io = TK103IoBlock(&probe) {
                c = probe
                return (number(course), io)
            }
        }
        guard let course = c.pointDecimal() else { return nil }
        return (Double(course), nil)
    }

    /// A speed or course as sent (` 46.0`, `000.`), or `nil` if it is not a number.
    static func number(_ text: String) -> Double? {
        let trimmed = text.filter { $0 != " " }
        return Double(trimmed.hasSuffix(".") ? trimmed + "0" : trimmed)
    }
}

/// `<charge 0|1><ignition 0|1><io1 x><io2 x><io3 x><fuel xxx>L<odometer x+>` after a fixed-form course.
struct TK103IoBlock {
    var charge: UInt8
    var ignition: UInt8
    var masks: [Int]
    var fuel: Int
    var odometer: Int64

    init?(_ c: inout TK103Cursor) {
        var probe = c
        guard let charge = probe.one(of: "01"), let ignition = probe.one(of: "01"),
              let masks = probe.run(3, TextProto.isHexDigit), let fuel = probe.run(3, TextProto.isHexDigit),
              probe.one(of: "L") != nil, let odometer = probe.longest(TextProto.isHexDigit),
              let fuelValue = Int(fuel, radix: 16) else { return nil }
        self.charge = charge
        self.ignition = ignition
        self.masks = masks.compactMap { $0.hexDigitValue }
        self.fuel = fuelValue
        self.odometer = Int64(odometer, radix: 16) ?? 0
        c = probe
    }
}
