import TrackwireProtocol

/// Sorts GPS103 frames (PROTOCOLS.md §4): the `##,imei:…,A;` login, the bare-IMEI heartbeat
/// (which may be followed by a data line), OBD lines, the `*`-terminated alternative format and
/// the regular position line.
struct GPS103Decoder {
    let protocolName: String
    let context: DecodeContext

    func decode(_ frame: [UInt8]) throws(DecodeError) -> Decoded {
        var text = TextProto.trimmedText(frame)
        if GPS103Decoder.isLogin(text) {
            return Decoded(kind: .login, deviceId: GPS103Line.imei(in: text) ?? context.deviceId)
        }
        if GPS103Decoder.isHeartbeat(text) {
            guard let start = text.firstRange(of: "imei:")?.lowerBound else {
                return Decoded(kind: .heartbeat, deviceId: String(text.prefix { $0.isASCII && $0.isNumber }))
            }
            text = text[start...]
        }
        guard let line = GPS103Line(text) else { throw DecodeError("malformed", "not a GPS103 imei line") }
        if line.keyword.hasPrefix("vr") {
            return Decoded(kind: .unsupported, deviceId: line.imei)  // photo packets need a stateful assembler
        }
        if line.keyword == "OBD" {
            return decoded(GPS103ObdReport.position(line, protocolName: protocolName), line, kind: .status)
        }
        if line.isAlternative {
            return decoded(GPS103AlternativeReport.position(line, protocolName: protocolName), line, kind: .position)
        }
        let report = GPS103Report(line: line, protocolName: protocolName, receivedAtMs: context.receivedAtMs)
        return decoded(report.position(), line, kind: .position)
    }

    /// Login/handshake: contains `imei:` and is at most 30 characters.
    static func isLogin(_ text: Substring) -> Bool {
        text.utf8.count <= 30 && text.firstRange(of: "imei:") != nil
    }

    /// Heartbeat: the line starts with a digit (the bare IMEI).
    static func isHeartbeat(_ text: Substring) -> Bool {
        text.first.map { $0.isASCII && $0.isNumber } ?? false
    }

    private func decoded(_ position: Position?, _ line: GPS103Line, kind: FrameKind) -> Decoded {
        guard let position else { return Decoded(kind: .unsupported, deviceId: line.imei) }
        let kind: FrameKind = position.attributes["alarm"] != nil ? .alarm : kind
        return TextProto.decoded(kind, deviceId: line.imei, positions: [position])
    }
}
