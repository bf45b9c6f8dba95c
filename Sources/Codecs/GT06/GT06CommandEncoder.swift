import TrackwireProtocol

/// Downlink commands: a 0x80 frame `78 78 <len> 80 <cmdLen> 00000000 <ASCII> [00 02] 0000 <crc> 0D 0A`
/// (docs/protocols/gt06.md "Server command"). Listener options: `Alternative=true` sends the
/// `DYD,<password>#` / `HFYD,<password>#` forms (password from the command's `password` param,
/// else option `Password`, else `123456`); `ModelOverride=G109` sends `DYD#` / `HFYD#`;
/// `Language=true` adds the English language field.
extension GT06Codec {
    /// The command's bytes; `CommandError` for types GT06 cannot carry or text it cannot hold.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        let text = try Self.commandText(command, options: context.options)
        guard let ascii = asciiBytes(text), !ascii.isEmpty else {
            throw CommandError("GT06 commands are non-empty ASCII text, got \"\(text)\"")
        }
        let language: [UInt8] = Self.language.isOn(in: context.options) ? [0x00, 0x02] : []
        let content = [UInt8(truncatingIfNeeded: 4 + ascii.count), 0, 0, 0, 0] + ascii + language
        guard content.count + 5 <= 0xFF else {
            throw CommandError("GT06 command text is limited to \(0xFF - 10 - language.count) characters")
        }
        return GT06Reply.frame(type: 0x80, content: content, serial: 0)
    }

    private static func commandText(_ command: Command, options: [String: String]) throws -> String {
        let g109 = GT06Model(options: options).name == "G109"
        let alternative = Self.alternative.isOn(in: options)
        let password = command.params["password"] ?? Self.password.text(in: options) ?? "123456"
        switch command.type {
        case "engine_stop": return g109 ? "DYD#" : alternative ? "DYD,\(password)#" : "Relay,1#"
        case "engine_resume": return g109 ? "HFYD#" : alternative ? "HFYD,\(password)#" : "Relay,0#"
        case "custom": return command.text
        default: throw CommandError("GT06 does not support command type \(command.type)")
        }
    }

    private func asciiBytes(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        return bytes.allSatisfy({ $0 < 0x80 }) ? bytes : nil
    }
}
