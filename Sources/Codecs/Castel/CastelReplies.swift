/// The replies Traccar sends (docs/protocols/castel.md "Replies"), echoing the version and the
/// 20 ID bytes: SC login 0x9001 (with the server time), heartbeat 0x9003 and alarm 0xC007 (with
/// the alarm index); CC login 0x8001 and heartbeat 0x8206; MPIP 0x4001 echoed with version `FF`
/// and 0x2001 answered by a version-less 0x1001.
enum CastelReplies {
    static func reply(to frame: CastelFrame, serverTimeMs: Int64) -> [UInt8]? {
        switch (frame.variant, frame.type) {
        case (.sc, 0x1001):
            let time = UInt32(truncatingIfNeeded: serverTimeMs / 1000)
            return answer(frame, 0x9001, data: [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00] + littleEndianBytes(time))
        case (.sc, 0x1003): return answer(frame, 0x9003)
        case (.sc, 0x4007): return answer(frame, 0xC007, data: Array(frame.bytes[frame.dataStart..<min(frame.dataStart + 4, frame.bytes.count - 4)]))
        case (.cc, 0x4001): return answer(frame, 0x8001)
        case (.cc, 0x4206): return answer(frame, 0x8206)
        case (.mpip, 0x4001): return CastelFrame.packet(version: 0xFF, rawId: frame.rawId, type: 0x4001, data: [])
        case (.mpip, 0x2001): return CastelFrame.packet(version: nil, rawId: frame.rawId, type: 0x1001, data: [0, 0, 0, 0] + [UInt8](repeating: 0xFF, count: 8))
        default: return nil
        }
    }

    private static func answer(_ frame: CastelFrame, _ type: UInt16, data: [UInt8] = []) -> [UInt8] {
        CastelFrame.packet(version: frame.version, rawId: frame.rawId, type: type, data: data)
    }
}
