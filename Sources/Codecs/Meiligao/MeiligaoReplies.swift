/// The replies Traccar sends before it looks the device up (docs/protocols/meiligao.md "Replies"):
/// login 0x5000 → 0x4000 `01`, heartbeat → 0x0001 `01`, photo upload 0x0800 → 0x8801 with the
/// image index, upload complete 0x0F80 → 0x6688 with the index and `00 00`. The 0x0002 server
/// query is not answered: the codec does not know the address the gateway is reached at.
enum MeiligaoReplies {
    static func reply(to frame: MeiligaoFrame) -> [UInt8]? {
        let first = frame.bytes.count > MeiligaoFrame.headerSize + MeiligaoFrame.trailerSize ? frame.bytes[MeiligaoFrame.headerSize] : 0
        switch frame.command {
        case MeiligaoCommand.login: return MeiligaoFrame.packet(rawId: frame.rawId, command: MeiligaoCommand.loginResponse, data: [0x01])
        case MeiligaoCommand.heartbeat: return MeiligaoFrame.packet(rawId: frame.rawId, command: MeiligaoCommand.heartbeat, data: [0x01])
        case MeiligaoCommand.uploadPhoto: return MeiligaoFrame.packet(rawId: frame.rawId, command: MeiligaoCommand.uploadPhotoResponse, data: [first])
        case MeiligaoCommand.uploadComplete: return MeiligaoFrame.packet(rawId: frame.rawId, command: MeiligaoCommand.retransmission, data: [first, 0, 0])
        default: return nil
        }
    }
}
