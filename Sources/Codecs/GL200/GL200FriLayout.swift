/// Where the parts of an FRI-family report lie, decided the way Traccar's `PATTERN_FRI` decides:
/// a head with optional fields (VIN, report type, count, reserved, battery), one or more position
/// blocks, then one of four model-specific tails, then anything up to the count number.
///
/// The regex backtracks; this does the same search over fields, in the same preference order, so
/// both assign the same fields to the same meanings.
struct GL200FriLayout {
    /// The four tails `PATTERN_FRI` accepts after the position blocks, in the order it tries them.
    enum Tail {
        /// GL500-like: `count, battery mV, battery %, mode, motion, temperature`.
        case batteryAndTemperature(at: Int)
        /// GV-like: `mileage, hour meter, adc1, adc2, [reserved], battery %, status, rpm, fuel use, fuel`.
        case vehicle(at: Int, hasReserved: Bool)
        /// `rssi, battery %`.
        case signal(at: Int)
        /// `[mileage,] battery %`.
        case battery(at: Int, hasMileage: Bool)
    }

    var vin: Substring?
    var power: Substring
    var reportType: Substring?
    var battery: Substring?
    var blocks: [GL200LocationPattern]
    var tail: Tail

    /// The layout of `report`, or `nil` when the report does not have FRI's shape.
    static func match(_ report: GL200Report) -> GL200FriLayout? {
        guard report.hasPatternHead(buffered: true) else { return nil }
        let fields = report.fields
        for hasVin in [true, false] where !hasVin || GL200Shape.vin(report.sentence[3]) {
            let powerIndex = hasVin ? 5 : 4
            guard powerIndex < fields.count, GL200LocationPattern.optional(fields[powerIndex], isNumber) else { continue }
            if var layout = matchOptionals(report, from: powerIndex + 1) {
                layout.vin = hasVin ? fields[3] : nil
                layout.power = fields[powerIndex]
                return layout
            }
        }
        return nil
    }

    /// Tries report type, count, reserved and battery present/absent in the regex's order.
    private static func matchOptionals(_ report: GL200Report, from first: Int) -> GL200FriLayout? {
        let fields = report.fields
        var failedStarts: Set<Int> = []
        for combination in stride(from: 15, through: 0, by: -1) {
            var index = first, taken: [Substring?] = [nil, nil, nil, nil], fits = true
            for slot in 0..<4 where GL200Number.bit(combination, 3 - slot) {
                guard index < fields.count, optionalChecks[slot](fields[index]) else { fits = false; break }
                taken[slot] = fields[index]
                index += 1
            }
            guard fits, !failedStarts.contains(index) else { continue }
            if let (blocks, tail) = matchBody(report, at: index) {
                return GL200FriLayout(vin: nil, power: "", reportType: taken[0], battery: taken[3], blocks: blocks, tail: tail)
            }
            failedStarts.insert(index)
        }
        return nil
    }

    /// Report type `d{1,2}`, count `d{1,2}`, reserved `d*`, battery `d+`.
    private static let optionalChecks: [GL200Shape.Check] = [
        { GL200Shape.digits($0, 1...2) }, { GL200Shape.digits($0, 1...2) },
        { GL200Shape.digits($0, 0...Int.max) }, { GL200Shape.digits($0, 1...Int.max) },
    ]

    /// Position blocks, as many as fit, giving back blocks until one of the tails fits.
    private static func matchBody(_ report: GL200Report, at start: Int) -> ([GL200LocationPattern], Tail)? {
        var blocks: [GL200LocationPattern] = []
        var next = start
        while let block = GL200LocationPattern.match(report.fields, at: next) {
            blocks.append(block)
            next = block.end
        }
        while let last = blocks.last {
            if let tail = matchTail(report, at: last.end) { return (blocks, tail) }
            blocks.removeLast()
        }
        return nil
    }

    private static func matchTail(_ report: GL200Report, at index: Int) -> Tail? {
        let f = report.fields
        func fits(_ checks: [GL200Shape.Check]) -> Bool {
            report.endsLoosely(after: index + checks.count) && GL200Shape.fields(f, from: index, match: checks)
        }
        if fits(batteryAndTemperatureChecks) { return .batteryAndTemperature(at: index) }
        if fits(vehicleWithReservedChecks) { return .vehicle(at: index, hasReserved: true) }
        if fits(vehicleChecks) { return .vehicle(at: index, hasReserved: false) }
        if fits(signalChecks) { return .signal(at: index) }
        if fits(mileageAndBatteryChecks) { return .battery(at: index, hasMileage: true) }
        if fits(Array(mileageAndBatteryChecks.dropFirst())) { return .battery(at: index, hasMileage: false) }
        return nil
    }

    private static let batteryAndTemperatureChecks: [GL200Shape.Check] = [
        { GL200Shape.digits($0, 1...2) }, opt { GL200Shape.digits($0, 1...5) }, { GL200Shape.digits($0, 1...3) },
        { $0 == "0" || $0 == "1" }, { $0.isEmpty || $0 == "0" || $0 == "1" },
        opt { GL200Shape.decimal($0, signed: true, integer: 1...2, fraction: 1...1) },
    ]

    private static let signalChecks: [GL200Shape.Check] = [
        { GL200Shape.digits($0.hasPrefix("-") ? $0.dropFirst() : $0, 1...1) }, { GL200Shape.digits($0, 1...3) },
    ]

    private static let mileageAndBatteryChecks: [GL200Shape.Check] = [opt(isMileage), opt { GL200Shape.digits($0, 1...3) }]

    private static let vehicleChecks = vehicleChecks(reserved: false)
    private static let vehicleWithReservedChecks = vehicleChecks(reserved: true)

    private static func vehicleChecks(reserved: Bool) -> [GL200Shape.Check] {
        let hourMeter: GL200Shape.Check = { field in
            let parts = field.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count == 3 && GL200Shape.digits(parts[0], 5...5)
                && GL200Shape.digits(parts[1], 2...2) && GL200Shape.digits(parts[2], 2...2)
        }
        let fuelUse: GL200Shape.Check = {
            $0 == "Inf" || $0 == "NaN" || GL200Shape.decimal($0, integer: 1...Int.max, fraction: 0...Int.max, dotOptional: true)
        }
        let head = [opt(isMileage), opt(hourMeter), opt(isHex), opt(isHex)]
        let rest = [opt { GL200Shape.digits($0, 1...3) }, opt { GL200Shape.hex($0, 6...6) }, opt(isNumber), opt(fuelUse), opt(isNumber)]
        return head + (reserved ? [{ GL200Shape.digits($0, 0...Int.max) }] : []) + rest
    }

    private static let isNumber: GL200Shape.Check = { GL200Shape.digits($0, 1...Int.max) }
    private static let isHex: GL200Shape.Check = { GL200Shape.hex($0, 1...Int.max) }
    private static let isMileage: GL200Shape.Check = { GL200Shape.decimal($0, integer: 1...7, fraction: 1...1) }

    /// The field may be empty (a regex group followed by `?`).
    private static func opt(_ check: @escaping GL200Shape.Check) -> GL200Shape.Check {
        { $0.isEmpty || check($0) }
    }
}
