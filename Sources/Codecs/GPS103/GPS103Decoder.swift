import TrackwireProtocol

/// Sorts GPS103 frames (docs/protocols/gps103.md): the `##,imei:…,A;` login, the bare-IMEI heartbeat
/// (which may be followed by a data line), OBD lines, the `*`-terminated alternative format and
/// the regular position line.
struct GPS103Decoder {
    let protocolName: String
    let context: DecodeContext

    func decode(_ frame: [UInt8]) throws(DecodeError) -> Decoded {
        var line = TextProto.trimmed(frame)
        if GPS103Line.isLogin(line) {
            return Decoded(kind: .login, deviceId: GPS103Line.imei(in: line) ?? context.deviceId)
        }
        if GPS103Line.isHeartbeat(line) {
            guard let start = GPS103Line.markerIndex(in: line) else {
                return Decoded(kind: .heartbeat, deviceId: TextProto.leadingDigits(line))
            }
            line = line[start...]
        }
        guard let parsed = GPS103Line(TextProto.text(line)[...]) else {
            throw DecodeError("malformed", "not a GPS103 imei line")
        }
        return try decode(parsed)
    }

    private func decode(_ line: GPS103Line) throws(DecodeError) -> Decoded {
        if line.keyword.hasPrefix("vr") {
            throw DecodeError("unsupported", "GPS103 \(line.keyword) photo packet: photos need a stateful assembler")
        }
        if line.keyword == "OBD" {
            return try decoded(GPS103ObdReport.position(line, protocolName: protocolName), line, kind: .status)
        }
        if line.isAlternative {
            return try decoded(GPS103AlternativeReport.position(line, protocolName: protocolName), line, kind: .position)
        }
        let report = GPS103Report(line: line, protocolName: protocolName, receivedAtMs: context.receivedAtMs)
        return try decoded(report.position(), line, kind: .position)
    }

    private func decoded(_ position: Position?, _ line: GPS103Line, kind: FrameKind) throws(DecodeError) -> Decoded {
        guard let position else { throw DecodeError("unsupported", "GPS103 \(line.keyword) line that reads as no known report") }
        let kind: FrameKind = position.attributes["alarm"] != nil ? .alarm : kind
        return TextProto.decoded(kind, deviceId: line.imei, positions: [position])
    }
}
