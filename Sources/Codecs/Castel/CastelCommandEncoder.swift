import TrackwireProtocol

/// Petrol control (docs/protocols/castel.md "Commands"): a version-1 packet of type 0x4583 for
/// the device's id, data `01` to stop the engine and `00` to let it run.
enum CastelCommandEncoder {
    static func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        let data: UInt8
        switch command.type {
        case "engine_stop": data = 0x01
        case "engine_resume": data = 0x00
        default: throw CommandError("Castel does not support command type \(command.type)")
        }
        let id = Array((context.deviceId ?? command.deviceID).utf8)
        guard !id.isEmpty, id.count <= 20 else { throw CommandError("Castel commands need the device id (at most 20 characters)") }
        return CastelFrame.packet(version: 0x01, rawId: id + [UInt8](repeating: 0, count: 20 - id.count), type: 0x4583, data: [data])
    }
}
