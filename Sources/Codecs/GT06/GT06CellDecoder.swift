/// Multi-cell LBS and LBS+WiFi lists (0x28, 0x2E, 0x24, 0x18, 0x2C, 0xA1, 0xA2, 0x33, SL4X 0x34,
/// 0xA9). Trackwire positions carry no cell or WiFi data, so only the date and, for the 0xA9
/// WiFi alarm, the alarm survive; the lists are still walked so a truncated frame is reported.
enum GT06CellDecoder {
    static func decode(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        record.timeMs = try GT06Blocks.date(&reader)
        let leadingTA = d.variant == .wanwayS20 || d.variant == .sl4x
        if leadingTA { try reader.skip(1) }  // timing advance
        let mcc = try reader.u16()
        try reader.skip(mcc & 0x8000 != 0 || d.variant == .sl4x ? 2 : 1)  // MNC
        let cell4G = d.type == 0xA9 ? try reader.u8() > 0 : false
        let count = d.variant == .wanwayS20 || d.type == 0xA9 ? Int(try reader.u8()) : d.type == 0x33 ? 6 : 7
        try reader.skip(count * (cellWidth(d, cell4G: cell4G) + 1))  // each cell + its signal
        if !leadingTA { try reader.skip(1) }  // timing advance
        if ![0x28, 0x2E, 0x24, 0xA1, 0x34].contains(d.type) {
            try reader.skip(Int(try reader.u8()) * 7)  // WiFi: MAC + signal
        }
        if d.type == 0xA9 {
            let alarm = Int(try reader.u8())
            let language = Int(try reader.u8())
            record.addAlarm(GT06Alarms.alarm(code: (language >> 4) << 8 | alarm, model: d.model))
        }
    }

    /// LAC + cell id bytes.
    private static func cellWidth(_ d: GT06Decoding, cell4G: Bool) -> Int {
        if d.type == 0xA1 || d.type == 0xA2 || cell4G { return 4 + 8 }
        if d.type == 0x33 || d.type == 0x34 { return 2 + 4 }
        return 2 + 3
    }
}
