import TrackwireProtocol

/// Reads AVL records of codecs 8, 8 Extended and 16: GPS element, then IO groups of 1-, 2-, 4- and
/// 8-byte values, the optional 16-byte group (`Extended`) and, for 8E, variable-length values.
struct TeltonikaAVLRecordReader: TeltonikaRecordReading {
    typealias Codec = TeltonikaDataPacket.Codec

    let codec: UInt8
    let model: TeltonikaModel
    /// Traccar's `teltonika.extended`: records carry a 16-byte IO group after the 8-byte one.
    let extended: Bool

    /// IO ids are 1 byte in codec 8, 2 bytes in 8E and 16.
    private var idWidth: Int { codec == Codec.codec8 ? 1 : 2 }
    /// IO counts are 2 bytes in 8E, 1 byte otherwise.
    private var countWidth: Int { codec == Codec.codec8Extended ? 2 : 1 }

    /// Reads one record.
    func read(_ reader: inout ByteReader) throws(DecodeError) -> TeltonikaRecord? {
        var record = TeltonikaRecord()
        try readGPSElement(&reader, into: &record)
        for width in [1, 2, 4, 8] {
            try readGroup(&reader, width: width, into: &record)
        }
        if extended { try readExtendedGroup(&reader, into: &record) }
        if codec == Codec.codec8Extended { try readVariableGroup(&reader, into: &record) }
        TeltonikaDriverId.combine(in: &record, model: model)
        return record
    }

    private func readGPSElement(_ reader: inout ByteReader, into record: inout TeltonikaRecord) throws(DecodeError) {
        record.position.fixTimeMs = try reader.i64()
        record.set("priority", .int(try reader.u8()))
        record.position.longitude = Double(try reader.i32()) / 10_000_000
        record.position.latitude = Double(try reader.i32()) / 10_000_000
        record.position.altitudeM = Double(try reader.i16())
        record.position.courseDeg = Double(try reader.u16())
        let satellites = try reader.u8()
        record.position.satellites = UInt32(satellites)
        record.set("sat", .int(satellites))
        record.position.valid = satellites != 0
        record.position.speedKmh = Double(try reader.u16())
        record.set("event", .int(try reader.uint(codec == Codec.codec8 ? 1 : 2)))
        if codec == Codec.codec16 { try reader.skip(1) }  // generation type
        try reader.skip(countWidth)  // total IO count
    }

    private func readGroup(_ reader: inout ByteReader, width: Int, into record: inout TeltonikaRecord) throws(DecodeError) {
        let count = try reader.uint(countWidth)
        for _ in 0..<count {
            let id = Int(try reader.uint(idWidth))
            TeltonikaIOElements.apply(id: id, value: try reader.read(width), model: model, to: &record)
        }
    }

    private func readExtendedGroup(_ reader: inout ByteReader, into record: inout TeltonikaRecord) throws(DecodeError) {
        let count = try reader.uint(countWidth)
        for _ in 0..<count {
            let id = try reader.uint(idWidth)
            record.set(TeltonikaRecord.ioKey(Int(id)), .string(TeltonikaText.hex(try reader.read(16))))
        }
    }

    private func readVariableGroup(_ reader: inout ByteReader, into record: inout TeltonikaRecord) throws(DecodeError) {
        let count = try reader.u16()
        for _ in 0..<count {
            let id = Int(try reader.u16())
            let value = Array(try reader.read(Int(try reader.u16())))
            try TeltonikaVariableElements.apply(id: id, value: value, to: &record)
        }
    }
}

/// FMx6xx devices split a 16-character driver id over IO 195 (high 8 bytes) and 196 (low 8 bytes).
enum TeltonikaDriverId {
    static func combine(in record: inout TeltonikaRecord, model: TeltonikaModel) {
        guard model.isFMx6xx,
              case .intValue(let high)? = record.attributes["io195"]?.kind,
              case .intValue(let low)? = record.attributes["io196"]?.kind else { return }
        let bytes = [high, low].flatMap { value in (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
        record.set("driverUniqueId", .string(LenientUTF8.string(bytes.filter { $0 != 0 })))
    }
}
