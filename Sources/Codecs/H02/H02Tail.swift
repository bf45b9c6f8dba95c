/// What follows the course in an H02 position sentence: the status word and either the
/// odometer/temperature/fuel/altitude/LAC/CID block or free values stored as `io1`, `io2`, ...
struct H02Tail {
    var status: UInt32?
    var odometer: Int64?
    var temperature: Int64?
    var fuel: Double?
    var altitude: Int64?
    var io: [Substring] = []

    /// The date and tail after the course field. Traccar's pattern allows an optional battery
    /// field before the date and an optional 3-field SIM block after it; where several readings
    /// fit, one with a date wins (Traccar's greedy regex would drop the date of `V19` messages).
    static func parseAfterCourse(_ rest: ArraySlice<Substring>) -> ((Int, Int, Int)?, H02Tail)? {
        let r = Array(rest)
        let batteryFits = r.count >= 2 && TextProto.isDigits(r[0])
        let readings: [(dateAt: Int, needsDate: Bool)] = [(0, true), (1, true), (0, false), (1, false)]
        for (dateAt, needsDate) in readings where dateAt == 0 || batteryFits {
            let date = r[dateAt]
            guard needsDate ? TextProto.isDigits(date, count: 6) : date.isEmpty else { continue }
            if let tail = parse(r[(dateAt + 1)...]) { return (TextProto.pairs(date), tail) }
        }
        return nil
    }

    /// `[,sim,sim,sim][,status[,six fields | ,values]]`, the SIM block tried first.
    private static func parse(_ rest: ArraySlice<Substring>) -> H02Tail? {
        if rest.count >= 3, let tail = statusAndData(rest.dropFirst(3)) { return tail }
        return statusAndData(rest)
    }

    private static func statusAndData(_ rest: ArraySlice<Substring>) -> H02Tail? {
        guard let first = rest.first else { return H02Tail() }
        guard TextProto.isHex(first, count: 8), let status = UInt32(first, radix: 16) else { return nil }
        var tail = H02Tail(status: status)
        let data = rest.dropFirst()
        if !tail.readBlock(Array(data)) {
            // Like Java's String.split, trailing empty values are dropped.
            let values = data.map(TextProto.trimSpaces)
            let count = (values.lastIndex { !$0.isEmpty } ?? -1) + 1
            tail.io = Array(values.prefix(count))
        }
        return tail
    }

    /// `<odometer>,<temp>,<fuel>,<altitude>,<lac hex>,<cid hex>`, all or nothing.
    private mutating func readBlock(_ f: [Substring]) -> Bool {
        guard f.count == 6, TextProto.isDigits(f[0]), isSignedInteger(f[1]), TextProto.isPointDecimal(f[2]),
              isSignedInteger(f[3]), TextProto.isHex(f[4]), TextProto.isHex(f[5]) else { return false }
        odometer = Int64(f[0])
        temperature = Int64(f[1])
        fuel = Double(f[2])
        altitude = Int64(f[3])
        return true
    }

    private func isSignedInteger(_ field: Substring) -> Bool {
        TextProto.isDigits(field.hasPrefix("-") ? field.dropFirst() : field)
    }
}
