/// Identification and acknowledgements for GPS103: `LOAD` to the login, `ON` to the bare-IMEI
/// heartbeat and `**,imei:<IMEI>,E;` (cancel alarm) to an SOS (`help me`) line.
enum GPS103Replies {
    static func examine(_ frame: [UInt8]) -> Examination {
        let text = TextProto.trimmedText(frame)
        let imei = GPS103Line.imei(in: text)
        if GPS103Decoder.isLogin(text) {
            return Examination(deviceId: imei, reply: Array("LOAD".utf8))
        }
        var reply = ""
        var deviceId = imei
        if GPS103Decoder.isHeartbeat(text) {
            reply = "ON"
            deviceId = deviceId ?? String(text.prefix { $0.isASCII && $0.isNumber })
        }
        if let imei, text.contains("imei:\(imei),help me,") {
            reply += "**,imei:\(imei),E;"
        }
        return Examination(deviceId: deviceId, reply: reply.isEmpty ? nil : Array(reply.utf8))
    }
}
