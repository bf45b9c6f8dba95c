import TrackwireProtocol

/// The one Topin downlink (docs/protocols/topin.md "Commands"): the SOS number,
/// `78 78 <1 + n> 41 <ASCII phone> 0D 0A`.
extension TopinCodec {
    /// Encodes `sos_number` (`params.phone`); `CommandError` for anything else.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        guard command.type == "sos_number" else { throw CommandError("topin cannot encode command type \(command.type)") }
        let phone = Array((command.params["phone"] ?? command.text).utf8)
        guard !phone.isEmpty, phone.count < 0xFF else { throw CommandError("sos_number needs params.phone (1 to 254 characters)") }
        return TopinFrame.frame(length: UInt8(phone.count + 1), type: 0x41, content: phone)
    }
}
