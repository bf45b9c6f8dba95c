import TrackwireProtocol

/// An H02 report without a GPS fix (`NBR`, `LINK`, `V3`, cell-only `VP1`): its time, the serving
/// cell (`mcc`, `mnc`, `lac`, `cid`), watch counters and the status word.
struct H02CellReport {
    /// `nil` when the report's date and time do not make a valid time.
    var timeMs: Int64?
    var attributes: [String: AttributeValue] = [:]
    var satellites: UInt32?
    var status: UInt32?

    /// Copies the report onto a position (which stays unlocated).
    func apply(to position: inout Position) {
        position.attributes.merge(attributes) { _, new in new }
        if let satellites { position.satellites = satellites }
        if let status { H02Status.apply(status, to: &position) }
    }

    /// `NBR,hhmmss,mcc,mnc,delay,count,(lac,cid,rssi)+,ddmmyy,status[,...]`.
    static func nbr(_ sentence: H02Sentence) -> H02CellReport? {
        let f = sentence.fields
        guard f.count >= 10, TextProto.isDigits(f[0], count: 6), (1...4).allSatisfy({ TextProto.isDigits(f[$0]) }) else {
            return nil
        }
        // The cell list is greedy: the date is the last place after whole triples where one fits.
        for dateAt in stride(from: f.count - 2, through: 8, by: -1) where (dateAt - 5) % 3 == 0 {
            guard TextProto.isDigits(f[dateAt], count: 6), TextProto.isHex(f[dateAt + 1], count: 8),
                  isCellList(f[5..<dateAt]) else { continue }
            var report = H02CellReport(timeMs: TextProto.milliseconds(dayMonthYear: f[dateAt], time: f[0]))
            report.setCell(mcc: f[1], mnc: f[2], lac: f[5], cid: f[6])
            report.status = UInt32(f[dateAt + 1], radix: 16)
            return report
        }
        return nil
    }

    /// `LINK,hhmmss,rssi,satellites,battery,steps,turnovers,ddmmyy,status[,...]`.
    static func link(_ sentence: H02Sentence) -> H02CellReport? {
        let f = sentence.fields
        guard f.count >= 8, TextProto.isDigits(f[0], count: 6), (1...5).allSatisfy({ TextProto.isDigits(f[$0]) }),
              TextProto.isDigits(f[6], count: 6), TextProto.isHex(f[7], count: 8) else { return nil }
        var report = H02CellReport(timeMs: TextProto.milliseconds(dayMonthYear: f[6], time: f[0]))
        for (key, index) in [("rssi", 1), ("batteryLevel", 3), ("steps", 4), ("turnovers", 5)] {
            report.attributes[key] = Int64(f[index]).map { .int($0) }
        }
        report.satellites = UInt32(f[2])
        report.status = UInt32(f[7], radix: 16)
        return report
    }

    /// `V3,hhmmss,<mcc 3><mnc>,count,<cells...>,<battery hex4>,<reboot>,X,ddmmyy,status`.
    static func v3(_ sentence: H02Sentence) -> H02CellReport? {
        let f = sentence.fields
        let n = f.count
        guard n >= 10, TextProto.isDigits(f[0], count: 6), f[1].utf8.count > 3, TextProto.isDigits(f[1]),
              TextProto.isDigits(f[2]), TextProto.isHex(f[n - 5], count: 4), TextProto.isDigits(f[n - 4]),
              f[n - 3] == "X", TextProto.isDigits(f[n - 2], count: 6), TextProto.isHex(f[n - 1], count: 8) else {
            return nil
        }
        var report = H02CellReport(timeMs: TextProto.milliseconds(dayMonthYear: f[n - 2], time: f[0]))
        if f[2] != "0", TextProto.isDigits(f[3]), TextProto.isDigits(f[4]) {
            report.setCell(mcc: f[1].prefix(3), mnc: f[1].dropFirst(3), lac: f[3], cid: f[4])
        }
        report.attributes["battery"] = TextProto.hexInt(f[n - 5]).map { .int($0) }
        report.status = UInt32(f[n - 1], radix: 16)
        return report
    }

    /// `VP1,V,mcc,mnc,lac,cid,rssi[Y...]`: cells only; the time is the caller's.
    static func vp1Cells(_ sentence: H02Sentence) -> H02CellReport? {
        let f = sentence.fields
        guard f.count >= 5, f[0] == "V", TextProto.isDigits(f[1]), TextProto.isDigits(f[2]) else { return nil }
        var report = H02CellReport()
        let cid = f[4].prefix { $0 != "Y" }
        if TextProto.isDigits(f[3]), TextProto.isDigits(cid) { report.setCell(mcc: f[1], mnc: f[2], lac: f[3], cid: cid) }
        return report
    }

    private mutating func setCell(mcc: Substring, mnc: Substring, lac: Substring, cid: Substring) {
        for (key, value) in [("mcc", mcc), ("mnc", mnc), ("lac", lac), ("cid", cid)] {
            attributes[key] = Int64(value).map { .int($0) }
        }
    }

    private static func isCellList(_ cells: ArraySlice<Substring>) -> Bool {
        cells.enumerated().allSatisfy { index, value in
            index % 3 == 2 ? TextProto.isDigits(value.hasPrefix("-") ? value.dropFirst() : value) : TextProto.isDigits(value)
        }
    }
}
