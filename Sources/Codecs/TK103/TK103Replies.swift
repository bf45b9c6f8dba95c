/// Identification and acknowledgements for TK103. Like Traccar, the reply reads the id from
/// characters 1–12 and the command from 13–16 of the frame: `BP00` → `(<id>AP01HSO)`,
/// `BP05` → `(<id>AP05)`; the comma-separated form therefore gets no reply.
enum TK103Replies {
    static func examine(_ frame: [UInt8]) -> Examination {
        let deviceId = TK103Message(frame).map(\.id)
        guard frame.count >= 17 else { return Examination(deviceId: deviceId) }
        let id = frame[1..<13]
        switch frame[13..<17] {
        case handshake[...]: return Examination(deviceId: deviceId, reply: Array("(".utf8) + id + Array("AP01HSO)".utf8), storesData: false)
        case login[...]: return Examination(deviceId: deviceId, reply: Array("(".utf8) + id + Array("AP05)".utf8))
        default: return Examination(deviceId: deviceId)
        }
    }

    private static let handshake = Array("BP00".utf8)
    private static let login = Array("BP05".utf8)
}
