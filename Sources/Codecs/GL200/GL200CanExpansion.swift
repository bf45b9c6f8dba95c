/// The CAN report expansion mask's fields (AdBlue, axle weights, tachograph drivers, ...) and the
/// model-specific CAN fields after them. Most are skipped: only Traccar's attributes are kept.
struct GL200CanExpansion {
    let model: String
    let mask: Int

    private var isGV35xCEU: Bool { GL200Models.isGV35xCEU(model) }

    /// Reads the expansion fields; returns the third CAN mask when expansion bit 31 announces one.
    func read(_ f: inout GL200Fields, into r: inout GL200Record) throws(DecodeError) -> Int {
        if has(0), let value = try f.nextNonEmpty() {
            let number = value.hasPrefix("L") || value.hasPrefix("P") ? value.dropFirst() : value
            r.set("adBlueLevel", double: try GL200Number.double(number))
        }
        for (bit, key) in [(1, "axleWeight1"), (2, "axleWeight3"), (3, "axleWeight4")] where has(bit) {
            r.set(key, int: try f.nextInt())
        }
        for bit in 4...6 where has(bit) { f.skip() } // tachograph overspeed, motion, direction
        if has(7), let millivolts = try f.nextInt() { r.set("adc1", double: Double(millivolts) / 1000) }
        for bit in 8...14 where has(bit) { f.skip() } // braking factors, kick-downs, cruise, brakes
        let texts = [(15, "driver1Card"), (16, "driver2Card"), (17, "driver1Name"), (18, "driver2Name"), (19, "registration")]
        for (bit, key) in texts where has(bit) { r.set(key, string: try f.nextNonEmpty()) }
        for bit in 20...25 where has(bit) { f.skip() } // expansion info, rapid events, torque, service, ambient
        if !isGV35xCEU { for bit in 26...27 where has(bit) { f.skip() } } // driver working time masks
        if has(28) { // DTC codes: a count and the codes on GV35xCEU
            let count = isGV35xCEU ? try Self.countAtCursor(f) : 0
            f.skip(1)
            f.skip(count)
        }
        for bit in 29...30 where has(bit) { f.skip() } // gaseous fuel level, tachograph info
        var canMask = 0
        if has(31) { canMask = try f.nextHex() ?? 0 }
        return canMask
    }

    /// Fields announced by the third CAN mask, and the GV35xCEU-specific blocks; all skipped.
    static func skipCanFields(_ f: inout GL200Fields, model: String, reportMask: Int, expansion: Int, canMask: Int) throws(DecodeError) {
        func can(_ bit: Int) -> Bool { GL200Number.bit(canMask, bit) }
        for bit in 0...1 where can(bit) { f.skip() } // retarder usage, power mode
        if model != "GV350CEU" && can(2) { f.skip() } // tachograph timestamp
        if GL200Models.isGV35xCEU(model) {
            for bit in 4...12 where can(bit) { f.skip() }
            if can(14) { f.skip() } // gross vehicle weight
            if can(15) { // tyres: count × (axle, wheel, pressure, temperature, status)
                let count = try countAtCursor(f)
                f.skip(1)
                f.skip(count.multipliedReportingOverflow(by: 5).overflow ? Int.max : count * 5)
            }
            for bit in 16...19 where can(bit) { f.skip() }
            if can(3) { try skipMasked(&f) } // e-genset data
            if GL200Number.bit(reportMask, 28) { try skipMasked(&f) } // electric vehicle data
        }
        if model == "GV355CEU" {
            for bit in 26...27 where GL200Number.bit(expansion, bit) { try skipMasked(&f) } // working time
        }
    }

    /// A hex mask followed by one field per set bit.
    private static func skipMasked(_ f: inout GL200Fields) throws(DecodeError) {
        let field = try f.peek()
        let mask = field.isEmpty ? 0 : try GL200Number.hex(field)
        f.skip(1)
        f.skip(mask.nonzeroBitCount)
    }

    /// The count at the cursor, 0 when empty.
    private static func countAtCursor(_ f: GL200Fields) throws(DecodeError) -> Int {
        let field = try f.peek()
        return field.isEmpty ? 0 : try GL200Number.int(field)
    }

    private func has(_ bit: Int) -> Bool { GL200Number.bit(mask, bit) }
}
