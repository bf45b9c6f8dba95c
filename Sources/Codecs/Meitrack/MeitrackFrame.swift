/// The envelope every Meitrack frame shares: `$$<flag><length>,<IMEI>,<command>,<data>*<CS>\r\n`
/// (`@@` instead of `$$` from the server). The length counts from the first comma through the
/// final CRLF; the checksum is the sum mod 256 of every byte from the first `$` through the `*`.
struct MeitrackFrame {
    let bytes: [UInt8]
    /// The packet identifier the device chose.
    let flag: UInt8
    /// The frame length the length field implies (first comma index + length).
    let declaredLength: Int
    let imei: String
    /// The three-letter command (`AAA`, `CCC`, `CCE`, `D82`, ...).
    let command: String
    /// Index of the first data byte after `<command>,`.
    let dataStart: Int

    /// Parses the envelope; throws if the frame does not even have one.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count > 3, bytes[0] == bytes[1], bytes[0] == UInt8(ascii: "$") || bytes[0] == UInt8(ascii: "@"),
              let firstComma = bytes.firstIndex(of: UInt8(ascii: ",")), firstComma > 3,
              let length = TextNumber.int(Latin1.string(bytes[3..<firstComma])) else {
            throw DecodeError("malformed", "not a Meitrack frame")
        }
        let imeiEnd = bytes[(firstComma + 1)...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
        let commandEnd = min(bytes.count, imeiEnd + 4)
        guard imeiEnd > firstComma + 1, commandEnd - imeiEnd == 4 else {
            throw DecodeError("malformed", "Meitrack frame without IMEI and command")
        }
        self.bytes = bytes
        flag = bytes[2]
        declaredLength = firstComma &+ length
        imei = Latin1.string(bytes[(firstComma + 1)..<imeiEnd])
        command = Latin1.string(bytes[(imeiEnd + 1)..<commandEnd])
        dataStart = min(bytes.count, commandEnd + 1)
    }

    /// Index of the `*` that starts the checksum trailer, allowing for a missing CRLF.
    var starIndex: Int? {
        let crlf = bytes.count >= 2 && bytes[bytes.count - 2] == 0x0D && bytes[bytes.count - 1] == 0x0A
        let star = bytes.count - (crlf ? 5 : 3)
        return star > dataStart - 2 && star >= 0 && bytes[star] == UInt8(ascii: "*") ? star : nil
    }

    /// Whether the carried checksum equals the computed one.
    var checksumMatches: Bool {
        guard let star = starIndex, let carried = TextNumber.hex(Latin1.string(bytes[(star + 1)...(star + 2)])) else {
            return false
        }
        var sum: UInt8 = 0
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0...star { sum &+= buffer[index] }
        }
        return Int(sum) == carried
    }

    /// The bytes between `<command>,` and the `*` trailer (the whole rest if there is no trailer).
    var data: ArraySlice<UInt8> {
        let end = starIndex ?? bytes.count
        return end > dataStart ? bytes[dataStart..<end] : []
    }

    /// `data` as text.
    var dataText: String { Latin1.string(data) }

    /// A complete server frame `@@<flag><len>,<imei>,<content>*<CS>\r\n` (two-digit length at least).
    static func serverFrame(flag: Character, imei: String, content: String) -> [UInt8] {
        let length = 1 + imei.utf8.count + 1 + content.utf8.count + 5
        let digits = length < 10 ? "0\(length)" : "\(length)"
        let head = Array("@@\(flag)\(digits),\(imei),\(content)*".utf8)
        return head + hex2(Checksums.sum8(head)) + [0x0D, 0x0A]
    }

    /// Two uppercase hex digits.
    static func hex2(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
}
