/// Eelink packet types (docs/protocols/eelink.md).
enum EelinkPacketType {
    static let login: UInt8 = 0x01
    static let gps: UInt8 = 0x02
    static let heartbeat: UInt8 = 0x03
    static let alarm: UInt8 = 0x04
    static let state: UInt8 = 0x05
    static let sms: UInt8 = 0x06
    static let obd: UInt8 = 0x07
    static let normal: UInt8 = 0x12
    static let warning: UInt8 = 0x14
    static let report: UInt8 = 0x15
    static let downlink: UInt8 = 0x80
    static let data: UInt8 = 0x81

    /// The old report layout.
    static let oldFormat: Set<UInt8> = [gps, alarm, state, sms]
    /// The new report layout: 0x12 normal, 0x14 warning, 0x15 report, 0x16-0x19 command and OBD.
    static let newFormat: ClosedRange<UInt8> = 0x12...0x19

    /// Whether Traccar answers the packet: every type but old GPS reports and data.
    static func isAnswered(_ type: UInt8) -> Bool { type != gps && type != data }
}
