import TrackwireProtocol

/// Identification and acknowledgements for H02 (docs/protocols/h02.md "Replies"):
/// `V1` → `*HQ,<id>,V4,V1,<yyyyMMddHHmmss>#`, `NBR` → `*HQ,<id>,V4,NBR,<yyyyMMddHHmmss>#`,
/// `V0`/`HTBT` → the sentence up to its type plus `#`, and with the `ack` option every other
/// message gets `*HQ,<id>,R12,<HHmmss>#`.
///
/// Traccar stamps replies with the server clock. Codecs have no clock, so the stamp is the time
/// the device put in the message (zeros when it sent none); devices use the reply as an ack.
enum H02Replies {
    static func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        let ack = H02Codec.ack.isOn(in: context.options)
        switch frame.first {
        case UInt8(ascii: "$"):
            guard let id = try? H02BinaryDecoder.deviceId(frame) else { return Examination() }
            return Examination(deviceId: id, reply: ack ? r12(id, binaryTime(frame)) : nil)
        case UInt8(ascii: "*"):
            guard let sentence = H02Sentence(frame) else { return Examination() }
            let id = sentence.id.isEmpty ? nil : String(sentence.id)
            return Examination(deviceId: id, reply: textReply(sentence, ack: ack))
        default:
            return Examination()
        }
    }

    private static func textReply(_ sentence: H02Sentence, ack: Bool) -> [UInt8]? {
        let id = String(sentence.id)
        switch sentence.type {
        case "V1": return bytes("*HQ,\(id),V4,V1,\(stamp(fixTime(sentence)))#")
        case "NBR": return bytes("*HQ,\(id),V4,NBR,\(stamp(H02CellReport.nbr(sentence)?.timeMs))#")
        case "V0", "HTBT": return bytes(sentence.head + "#")
        case "LINK", "V3", "VP1", "SMS": return nil
        default:
            let time = sentence.fields.first.flatMap { TextProto.isDigits($0, count: 6) ? String($0) : nil }
            return ack ? r12(id, time) : nil
        }
    }

    /// The date and time of a `V1` report when it sends both.
    private static func fixTime(_ sentence: H02Sentence) -> Int64? {
        guard let fix = H02Fix(sentence.fields[...]), let date = fix.date, let time = fix.time else { return nil }
        return UTCTime.milliseconds(year: date.year, month: date.month, day: date.day,
                                    hour: time.hour, minute: time.minute, second: time.second)
    }

    private static func binaryTime(_ frame: [UInt8]) -> String? {
        var reader = ByteReader(frame, offset: frame.count == 42 ? 9 : 6)
        return (try? H02BinaryDecoder.readTime(&reader)).map { TextProto.stamp($0, timeOnly: true) }
    }

    private static func stamp(_ ms: Int64?) -> String {
        ms.map { TextProto.stamp($0) } ?? "00000000000000"
    }

    private static func r12(_ id: String, _ time: String?) -> [UInt8] {
        bytes("*HQ,\(id),R12,\(time ?? "000000")#")
    }

    private static func bytes(_ text: some StringProtocol) -> [UInt8] { Array(text.utf8) }
}
