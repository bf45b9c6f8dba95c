/// The compressed track of a `+RSP` type 100 report: a count, then points that are either full
/// (3 bits-packed bytes of speed and heading, then longitude, latitude and, for the first, the
/// time) or deltas against the previous point (5 bytes). Points are one second apart.
enum GL200CompressedTrack {
    static func read(_ r: inout ByteReader) throws(DecodeError) -> [GL200Record] {
        let count = Int(try r.u16())
        var state = State()
        var records: [GL200Record] = []
        for _ in 0..<count {
            if state.time > 0 { state.time += 1 }
            guard let marker = r.peek() else { throw DecodeError("truncated", "compressed track ends early") }
            switch marker >> 6 {
            case 1: try state.readFull(&r)
            case 2: try state.readDelta(&r)
            default:
                try r.skip(1) // invalid or unchanged point
                continue
            }
            records.append(state.record)
        }
        return records
    }

    private struct State {
        var speed = 0, heading = 0, latitude = 0, longitude = 0
        var time: Int64 = 0

        mutating func readFull(_ r: inout ByteReader) throws(DecodeError) {
            var bits = GL200BitReader(try r.read(3))
            bits.skip(3) // point attribute, fix type
            speed = bits.unsigned(12)
            heading = bits.unsigned(9)
            longitude = Int(try r.i32())
            latitude = Int(try r.i32())
            if time == 0 { time = Int64(try r.u32()) }
        }

        mutating func readDelta(_ r: inout ByteReader) throws(DecodeError) {
            var bits = GL200BitReader(try r.read(5))
            bits.skip(3) // point attribute, fix type
            speed &+= bits.signed(7)
            heading &+= bits.signed(7)
            longitude &+= bits.signed(12)
            latitude &+= bits.signed(11)
        }

        var record: GL200Record {
            var record = GL200Record()
            record.fix = .init(latitude: Double(latitude) / 1_000_000, longitude: Double(longitude) / 1_000_000, timeMs: time &* 1000)
            record.speedKmh = Double(speed) / 10
            record.courseDeg = Double(heading)
            return record
        }
    }
}

/// Reads big-endian bit fields, most significant bit first.
struct GL200BitReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = Array(bytes) }

    mutating func skip(_ count: Int) { position += count }

    /// The next `count` bits (at most 32) as an unsigned number; bits past the end read as 0.
    mutating func unsigned(_ count: Int) -> Int {
        var value = 0
        for _ in 0..<count {
            let byte = position / 8 < bytes.count ? bytes[position / 8] : 0
            value = value << 1 | Int((byte >> (7 - UInt8(position % 8))) & 1)
            position += 1
        }
        return value
    }

    /// The next `count` bits as a two's complement number.
    mutating func signed(_ count: Int) -> Int {
        let value = unsigned(count)
        let sign = 1 << (count - 1)
        return value & sign == 0 ? value : value - (sign << 1)
    }
}
