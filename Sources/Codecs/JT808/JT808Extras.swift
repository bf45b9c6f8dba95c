/// The TLV extras after a location's fixed fields: id (1), length (1), value. Traccar's readings
/// are kept, including its quirks: a value may be read past its length (the next extra then
/// starts where the length says), and an extra whose length runs past the frame ends the list.
/// Ids nobody maps, and the cell and Wi-Fi lists (positions carry no network), are skipped.
enum JT808Extras {
    /// One extra's value: a reader at its first byte (running to the end of the frame), its
    /// declared length, and where the next extra starts (0x80 moves that to the end).
    struct Value {
        var reader: ByteReader
        /// The declared length.
        let length: Int
        /// Index one past the declared value.
        let end: Int
        /// Where the next extra starts: `end`, unless a reading moves it.
        var next: Int

        /// Whether the reader is still inside the declared value.
        var hasMore: Bool { reader.offset < end }
    }

    /// Reads extras until 2 bytes (check and delimiter) or fewer remain.
    static func read(_ reader: inout ByteReader, settings: JT808Settings, into draft: inout PositionDraft) throws(DecodeError) {
        while reader.remaining > 2 {
            let id = try reader.u8()
            let length = Int(try reader.u8())
            let next = reader.offset + length
            guard next <= reader.end else { break }
            var value = Value(reader: reader, length: length, end: next, next: next)
            try apply(id, &value, settings: settings, into: &draft)
            reader = reader.moved(to: value.next)
        }
    }

    private static func apply(_ id: UInt8, _ value: inout Value, settings: JT808Settings, into draft: inout PositionDraft) throws(DecodeError) {
        if try JT808BasicExtras.apply(id, &value, settings: settings, into: &draft) { return }
        if try JT808DeviceExtras.apply(id, &value, settings: settings, into: &draft) { return }
        if try JT808StatusExtras.apply(id, &value, settings: settings, into: &draft) { return }
        if try JT808SensorExtras.apply(id, &value, settings: settings, into: &draft) { return }
        _ = try JT808VendorExtras.apply(id, &value, settings: settings, into: &draft)
    }
}
