import Foundation
import TrackwireProtocol

/// Event (2), locate (8) and mini event (10) reports, and user data (4), each one position
/// (docs/protocols/calamp.md "Event report / locate report"). The update time is the fix time;
/// speeds come in cm/s (mini reports: km/h) and leave in km/h.
struct CalAmpReportDecoder {
    let protocolName: String

    /// The position a report carries; `type` is one of the four report types.
    func decode(_ message: CalAmpMessage, type: CalAmpMessageType, deviceId: String) throws(DecodeError) -> Position {
        var reader = message.bodyReader()
        let mini = type == .miniEventReport
        var position = Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: Int64(try reader.u32()) * 1000)
        var attributes: [String: AttributeValue] = ["type": .int(message.rawType)]
        if !mini { try reader.skip(4) }  // fix time; Traccar reports the update time
        position.latitude = Double(try reader.i32()) * 1e-7
        position.longitude = Double(try reader.i32()) * 1e-7
        if mini {
            try readMini(&reader, into: &position, &attributes)
        } else {
            try readFull(&reader, into: &position, &attributes, event: type == .eventReport)
        }
        if type == .userData {
            try reader.skip(2)  // message route, message id
            let text = Latin1.string(try reader.read(Int(try reader.u16())))
            attributes["result"] = .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            try readAccumulators(&reader, into: &attributes, spareByte: !mini)
        }
        position.attributes = attributes
        return position
    }

    /// Altitude, speed (cm/s), heading, satellites, fix status, carrier, RSSI, modem, HDOP,
    /// inputs, unit status and, for event reports, the event code.
    private func readFull(_ r: inout ByteReader, into position: inout Position, _ attributes: inout [String: AttributeValue], event: Bool) throws(DecodeError) {
        position.altitudeM = Double(try r.i32()) * 0.01
        position.speedKmh = Double(try r.u32()) * 0.036
        position.courseDeg = Double(try r.i16())
        position.satellites = UInt32(try r.u8())
        position.valid = try r.u8() & 0x08 == 0
        attributes["carrier"] = .int(try r.u16())
        attributes["rssi"] = .int(try r.i16())
        attributes["modem"] = .int(try r.u8())
        position.hdop = Double(try r.u8())
        try readInputs(&r, into: &attributes)
        attributes["status"] = .int(try r.u8())
        if event {
            try r.skip(1)  // event index
            attributes["event"] = .int(try r.u8())
        }
    }

    /// Heading, speed (km/h), satellites and validity in one byte, modem, inputs and event code.
    private func readMini(_ r: inout ByteReader, into position: inout Position, _ attributes: inout [String: AttributeValue]) throws(DecodeError) {
        position.courseDeg = Double(try r.i16())
        position.speedKmh = Double(try r.u8())
        let fix = try r.u8()
        position.satellites = UInt32(fix & 0x0F)
        position.valid = fix & 0x20 == 0
        attributes["modem"] = .int(try r.u8())
        try readInputs(&r, into: &attributes)
        attributes["event"] = .int(try r.u8())
    }

    private func readInputs(_ r: inout ByteReader, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        let input = try r.u8()
        attributes["input"] = .int(input)
        attributes["ignition"] = .bool(input & 1 != 0)
    }

    /// The accumulator list: header (type in the top 2 bits, count in the low 6), a spare byte
    /// except in mini reports, threshold and mask for type 1, then 4-byte values while they last.
    /// A report that ends before the list has none.
    private func readAccumulators(_ r: inout ByteReader, into attributes: inout [String: AttributeValue], spareByte: Bool) throws(DecodeError) {
        guard r.remaining > 0 else { return }
        let header = try r.u8()
        if spareByte { attributes["append"] = .int(try r.u8()) }
        if header >> 6 == 1 { try r.skip(8) }
        for index in 0..<Int(header & 0x3F) where r.remaining >= 4 {
            attributes["acc\(index)"] = .int(try r.u32())
        }
    }
}
