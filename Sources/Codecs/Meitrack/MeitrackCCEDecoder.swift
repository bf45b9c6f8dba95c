import TrackwireProtocol

/// Decodes the newer binary report `CCE`: remaining cache (u32 LE), packet count (u16 LE), then
/// packets of `length, index` and four parameter groups (1-, 2-, 4-byte and variable values), each
/// group a count then `id value` pairs; ids are one byte, or two when the first is `0xFE`.
struct MeitrackCCEDecoder {
    let protocolName: String
    /// Fix time for packets that carry none.
    let fallbackTimeMs: Int64

    func decode(_ frame: MeitrackFrame) throws(DecodeError) -> [Position] {
        var reader = ByteReader(frame.bytes, offset: frame.dataStart)
        try reader.skip(4)  // remaining cache
        let count = Int(try reader.uintLE(2))
        var positions: [Position] = []
        for _ in 0..<count {
            let length = Int(try reader.uintLE(2))
            let end = reader.offset + length
            positions.append(try packet(&reader, imei: frame.imei))
            reader = ByteReader(frame.bytes, offset: end)
        }
        return positions
    }

    private func packet(_ reader: inout ByteReader, imei: String) throws(DecodeError) -> Position {
        var position = Position.stub(deviceId: imei, protocolName: protocolName, timeMs: fallbackTimeMs)
        try reader.skip(2)  // index
        for width in [1, 2, 4] {
            for _ in 0..<(try reader.u8()) {
                let id = try Self.parameterId(&reader)
                let raw = try reader.uintLE(width)
                MeitrackCCEParameters.apply(id: id, width: width, raw: raw, to: &position)
            }
        }
        for _ in 0..<(try reader.u8()) {
            let id = try Self.parameterId(&reader)
            let length = Int(try reader.u8())
            var value = ByteReader(Array(try reader.read(length)))
            MeitrackCCEParameters.applyVariable(id: id, &value, to: &position)
        }
        return position
    }

    static func parameterId(_ reader: inout ByteReader) throws(DecodeError) -> Int {
        reader.peek() == 0xFE ? Int(try reader.u16()) : Int(try reader.u8())
    }
}
