/// The frames Traccar sends back to a Meitrack device: a record count for `CCC`, a confirmation
/// for `AAC`, and photo-chunk requests after `D03` (photo taken) and every 8th `D00` chunk.
enum MeitrackReplies {
    static func reply(to frame: MeitrackFrame) -> [UInt8]? {
        switch frame.command {
        case "CCC":
            MeitrackCCCDecoder.recordCount(frame).map {
                MeitrackFrame.serverFrame(flag: Character(Unicode.Scalar(frame.flag)), imei: frame.imei, content: "CCC,\($0)")
            }
        case "AAC": MeitrackFrame.serverFrame(flag: "z", imei: frame.imei, content: "AAC,1")
        case "D03": photoRequest(frame.imei, file: "camera_picture.jpg", index: 0)
        case "D00": nextChunkRequest(frame)
        default: nil
        }
    }

    /// `D00,<file>,<total>,<current>,<data>`: after every 8th chunk ask for the next one.
    private static func nextChunkRequest(_ frame: MeitrackFrame) -> [UInt8]? {
        let fields = Latin1.string(frame.data.prefix(128)).split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count >= 3, let current = TextNumber.int(fields[2]), current < Int.max, (current + 1) % 8 == 0 else {
            return nil
        }
        return photoRequest(frame.imei, file: String(fields[0]), index: current + 1)
    }

    private static func photoRequest(_ imei: String, file: String, index: Int) -> [UInt8] {
        MeitrackFrame.serverFrame(flag: "O", imei: imei, content: "D00,\(file),\(index)")
    }
}
