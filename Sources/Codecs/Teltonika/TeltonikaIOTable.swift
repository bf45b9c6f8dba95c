/// The IO ids Traccar maps, with its attribute names, scales and model gates (docs/protocols/teltonika.md).
extension TeltonikaIOElements {
    static let mappings: [Int: Mapping] = {
        var table: [Int: Mapping] = [:]
        func add(_ id: Int, _ key: String, _ conversion: Conversion, _ gate: TeltonikaModel.Gate = .any) {
            table[id] = Mapping(key: key, conversion: conversion, gate: gate)
        }
        for n in 1...4 { add(n, "in\(n)", .flag) }
        add(16, "odometer", .unsigned)
        add(17, "axisX", .signed); add(18, "axisY", .signed); add(19, "axisZ", .signed)
        add(21, "rssi", .unsigned)
        for n in 1...4 { add(24 + n, "bleTemp\(n)", .signedScaled(100)) }
        add(66, "power", .scaled(1000)); add(67, "battery", .scaled(1000))
        add(78, "driverUniqueId", .driverId)
        add(179, "out1", .flag); add(180, "out2", .flag)
        add(181, "pdop", .scaled(10)); add(182, "hdop", .scaled(10))
        add(199, "tripOdometer", .unsigned)
        add(236, "alarm", .alarm("general"))
        add(239, "ignition", .flag); add(240, "motion", .flag)
        add(241, "operator", .unsigned)
        add(253, "alarm", .greenDriving)
        addFMB(add)
        addOBD(add)
        addSensors(add)
        return table
    }()

    private typealias Adder = (Int, String, Conversion, TeltonikaModel.Gate) -> Void

    private static func addFMB(_ add: Adder) {
        add(9, "adc1", .scaled(1000), .fmb); add(10, "adc2", .scaled(1000), .fmb)
        add(11, "iccid", .decimalText, .fmb)
        add(12, "fuelUsed", .scaled(1000), .fmb); add(13, "fuelConsumption", .scaled(100), .fmb)
        add(24, "speed", .gnssSpeed, .fmb)
        add(68, "batteryCurrent", .scaled(1000), .fmb)
        for n in 1...4 { add(71 + n, "temp\(n)", .signedScaled(10), .fmb) }
        add(200, "sleepMode", .unsigned, .fmb)
        add(205, "cid2g", .unsigned, .fmbOrTAT); add(206, "lac", .unsigned, .fmbOrTAT)
        add(636, "cid4g", .unsigned, .fmbOrTAT)
        add(246, "alarm", .alarm("tow"), .fmb); add(247, "alarm", .alarm("accident"), .fmb)
        add(249, "alarm", .alarm("jamming"), .fmb); add(251, "alarm", .alarm("idle"), .fmb)
        add(252, "alarm", .alarm("powerCut"), .fmb)
        add(175, "alarm", .autoGeofence, .fmb)
        add(662, "door", .flag, .fmb)
    }

    private static func addOBD(_ add: Adder) {
        add(30, "faultCount", .unsigned, .fmb); add(31, "engineLoad", .unsigned, .fmb)
        add(32, "coolantTemp", .signed, .fmb); add(36, "rpm", .unsigned, .fmb)
        add(43, "milDistance", .unsigned, .fmb); add(57, "hybridBatteryLevel", .signed, .fmb)
        add(80, "dataMode", .unsigned, .fmbExcept6xx); add(81, "obdSpeed", .unsigned, .fmbExcept6xx)
        add(82, "throttle", .unsigned, .fmbExcept6xx); add(83, "fuelUsed", .scaled(10), .fmbExcept6xx)
        add(84, "fuel", .scaled(10), .fmbExcept6xx); add(85, "rpm", .unsigned, .fmbExcept6xx)
        add(87, "obdOdometer", .unsigned, .fmbExcept6xx); add(89, "fuelLevel", .unsigned, .fmbExcept6xx)
        add(107, "fuelUsed", .scaled(10), .fmb); add(110, "fuelConsumption", .scaled(10), .fmb)
        add(113, "batteryLevel", .unsigned, .fmb); add(115, "engineTemp", .signedScaled(10), .fmb)
        add(389, "obdOdometer", .multiplied(1000), .only("FMB003"))
    }

    private static func addSensors(_ add: Adder) {
        for n in 1...4 { add(700 + n, "bleTemp\(n)", .signedScaled(10), .fmx6xx) }
        for n in 1...6 { add(10643 + n, "tempProbe\(n)", .signedScaled(100), .fmb) }
        for n in 1...4 { add(10799 + n, "eyeTemp\(n)", .signedScaled(100), .fmb) }
        for n in 1...4 { add(10831 + n, "eyeRoll\(n)", .signed, .fmb) }
    }
}
