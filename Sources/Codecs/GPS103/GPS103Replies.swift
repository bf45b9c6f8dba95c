/// Identification and acknowledgements for GPS103: `LOAD` to the login, `ON` to the bare-IMEI
/// heartbeat and `**,imei:<IMEI>,E;` (cancel alarm) to an SOS (`help me`) line.
/// Works on the bytes: the gateway examines every frame.
enum GPS103Replies {
    static func examine(_ frame: [UInt8]) -> Examination {
        let line = TextProto.trimmed(frame)
        let imei = GPS103Line.imei(in: line)
        if GPS103Line.isLogin(line) {
            return Examination(deviceId: imei, reply: Array("LOAD".utf8), storesData: false)
        }
        var reply: [UInt8] = []
        var deviceId = imei
        if GPS103Line.isHeartbeat(line) {
            reply = Array("ON".utf8)
            deviceId = deviceId ?? TextProto.leadingDigits(line)
        }
        if let imei, TextProto.firstIndex(of: Array("imei:\(imei),help me,".utf8), in: line) != nil {
            reply += Array("**,imei:\(imei),E;".utf8)
        }
        return Examination(deviceId: deviceId, reply: reply.isEmpty ? nil : reply)
    }
}
