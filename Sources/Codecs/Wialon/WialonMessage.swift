/// One Wialon IPS message: `[<version>;][<imei>]#<type>#<data>` (docs/protocols/wialon.md).
/// The IMEI prefix is the UDP form; over TCP the session's device comes from the `#L#` login.
struct WialonMessage {
    /// `L`, `P`, `SD`, `D`, `B`, `M`, ...
    let type: String
    /// The text after the second `#`, without the line break.
    let data: Substring
    /// The IMEI the message itself carries (the UDP form), if any.
    let imei: String?

    /// Reads the envelope; throws `malformed` for text that is no Wialon message.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        let text = LenientUTF8.string(TextProto.trimmed(bytes))
        let parts = text.split(separator: "#", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[1].isEmpty else {
            throw DecodeError("malformed", "a Wialon message is [imei]#type#data, got \"\(text.prefix(24))\"")
        }
        type = String(parts[1])
        data = parts[2]
        let prefix = parts[0].split(separator: ";", omittingEmptySubsequences: false).last ?? ""
        imei = prefix.isEmpty ? nil : String(prefix)
    }

    /// The IMEI of a login: `imei;password`, or `2.0;imei;password;crc` in IPS 2.0.
    var loginImei: String? {
        let fields = data.split(separator: ";", omittingEmptySubsequences: false)
        let imei = fields.first?.contains(".") == true && fields.count > 1 ? fields[1] : fields.first
        return imei.flatMap { $0.isEmpty ? nil : String($0) }
    }

    /// The `|`-separated records of a `#B#` batch.
    var batch: [Substring] { data.split(separator: "|", omittingEmptySubsequences: false) }
}
