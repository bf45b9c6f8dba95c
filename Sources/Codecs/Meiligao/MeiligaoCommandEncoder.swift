import Foundation
import TrackwireProtocol

/// Downlink commands: `@@ <length> <id> <command> <data> <crc> 0D 0A`, the id being the device's
/// id as hex digits padded with `F` to 14 (docs/protocols/meiligao.md "Commands"). Option
/// `Alternative` sends engine commands as 0x4114 instead of 0x4115.
enum MeiligaoCommandEncoder {
    static func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        let (word, data) = try content(command, context: context)
        return MeiligaoFrame.packet(rawId: try rawId(context.deviceId ?? command.deviceID), command: word, data: data)
    }

    private static func content(_ command: Command, context: SessionContext) throws -> (UInt16, [UInt8]) {
        switch command.type {
        case "position_single": return (MeiligaoCommand.trackOnDemand, [])
        case "position_periodic": return (MeiligaoCommand.trackByInterval, bigEndianBytes(UInt16(try number(command, "frequency", upTo: 655_350) / 10)))
        case "engine_stop", "engine_resume":
            let word = MeiligaoCodec.alternative.isOn(in: context.options) ? MeiligaoCommand.outputControlFive : MeiligaoCommand.outputControl
            return (word, [command.type == "engine_stop" ? 0x01 : 0x00])
        case "alarm_geofence": return (MeiligaoCommand.movementAlarm, bigEndianBytes(UInt16(try number(command, "radius", upTo: 65_535))))
        case "set_timezone":
            guard let zone = command.params["timezone"], let minutes = standardOffsetMinutes(zone, atMs: command.createdMs) else {
                throw CommandError("Meiligao set_timezone needs params.timezone, a zone such as Europe/Berlin or GMT+8")
            }
            return (MeiligaoCommand.timeZone, Array(String(minutes).utf8))
        case "request_photo": return (MeiligaoCommand.takePhoto, [])
        case "reboot", "reboot_device": return (MeiligaoCommand.rebootGPS, [])
        default: throw CommandError("Meiligao does not support command type \(command.type)")
        }
    }

    /// The id's first 14 hex digits, `F`-padded, as 7 bytes.
    private static func rawId(_ id: String) throws -> [UInt8] {
        guard !id.isEmpty, let bytes = HexText.bytes((id + String(repeating: "F", count: 14)).prefix(14)) else {
            throw CommandError("Meiligao commands need a device id of hex digits, got '\(id)'")
        }
        return bytes
    }

    private static func number(_ command: Command, _ key: String, upTo limit: Int) throws -> Int {
        guard let value = command.params[key].flatMap(TextNumber.int), (0...limit).contains(value) else {
            throw CommandError("Meiligao \(command.type) needs params.\(key), a whole number up to \(limit)")
        }
        return value
    }

    /// The zone's standard (not daylight-saving) offset in minutes, as Java's raw offset:
    /// `GMT+8`, `UTC-03:30` or a tz identifier; the rules in force at `atMs` (or 2025) decide.
    static func standardOffsetMinutes(_ zone: String, atMs: Int64) -> Int? {
        let upper = zone.uppercased()
        if upper == "GMT" || upper == "UTC" { return 0 }
        if upper.hasPrefix("GMT") || upper.hasPrefix("UTC"), let minutes = fixedOffsetMinutes(zone.dropFirst(3)) { return minutes }
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        let date = Date(timeIntervalSince1970: Double(atMs > 0 ? atMs : 1_735_689_600_000) / 1000)
        return (timeZone.secondsFromGMT(for: date) - Int(timeZone.daylightSavingTimeOffset(for: date))) / 60
    }

    /// `+8`, `-3:30`, `+0530`.
    private static func fixedOffsetMinutes(_ text: Substring) -> Int? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let parts = text.dropFirst().split(separator: ":")
        let hours: Int?, minutes: Int?
        if parts.count == 2 {
            (hours, minutes) = (Int(parts[0]), Int(parts[1]))
        } else if let digits = parts.first, digits.count == 4 {
            (hours, minutes) = (Int(digits.prefix(2)), Int(digits.suffix(2)))
        } else {
            (hours, minutes) = (parts.first.flatMap { Int($0) }, 0)
        }
        guard let hours, let minutes, (0...14).contains(hours), (0..<60).contains(minutes) else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
    }
}
