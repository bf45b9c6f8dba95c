/// One OsmAnd request as the gateway frames it: the request target of a GET (`/?id=…&lat=…`),
/// `"/?" + body` for a form POST, or the body of a JSON POST.
enum OsmAndRequest {
    /// A request target or form body; `parameters(_:)` reads it.
    case query([UInt8])
    /// A JSON body (Transistorsoft background-geolocation layout).
    case json([UInt8])

    /// Classifies a frame: JSON when its first non-blank byte opens an object or array.
    init(_ frame: [UInt8]) {
        let first = frame.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            self = .json(frame)
        } else {
            self = .query(frame)
        }
    }

    /// The device's unique id: `id` or `deviceid` in a query, `device_id` in JSON.
    var deviceId: String? {
        switch self {
        case .query(let frame):
            Self.queryDeviceId(frame)
        case .json(let body):
            (try? OsmAndJSON.parse(body))?["device_id"]?.text.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// Parameters of a request target (after `?`) or of bare `key=value&…` text, split on `&` and
    /// `;` and percent-decoded with `+` as space, as Netty's `QueryStringDecoder` does.
    static func parameters(_ frame: [UInt8]) -> [(key: String, value: String)] {
        var parameters: [(key: String, value: String)] = []
        forEachPair(frame) { key, value in
            let name = percentDecoded(frame, key)
            if !name.isEmpty { parameters.append((name, percentDecoded(frame, value))) }
        }
        return parameters
    }

    /// The first non-empty value of `id` or `deviceid`, decoding only keys short enough to be one.
    static func queryDeviceId(_ frame: [UInt8]) -> String? {
        var found: String?
        forEachPair(frame) { key, value in
            guard found == nil, key.count <= 24, !value.isEmpty else { return }
            let name = percentDecoded(frame, key)
            if name == "id" || name == "deviceid" { found = percentDecoded(frame, value) }
        }
        return found.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Calls `body` with the raw key and value ranges of each `key=value` pair of the query part.
    private static func forEachPair(_ frame: [UInt8], _ body: (Range<Int>, Range<Int>) -> Void) {
        var start: Int
        if let mark = frame.firstIndex(of: UInt8(ascii: "?")) {
            start = mark + 1
        } else if frame.first == UInt8(ascii: "/") {
            return
        } else {
            start = 0
        }
        while start < frame.count {
            var end = start
            var equals: Int?
            while end < frame.count, frame[end] != UInt8(ascii: "&"), frame[end] != UInt8(ascii: ";") {
                if equals == nil, frame[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            let keyEnd = equals ?? end
            body(start..<keyEnd, min(keyEnd + 1, end)..<end)
            start = end + 1
        }
    }

    /// `+` → space, `%XX` → that byte; a malformed escape is kept as written.
    static func percentDecoded(_ frame: [UInt8], _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = frame[index]
            if byte == UInt8(ascii: "%"), range.upperBound - index >= 3,
               let high = hexValue(frame[index + 1]), let low = hexValue(frame[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
            }
        }
        return LenientUTF8.string(out)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x41...0x46: digit - 0x41 + 10
        case 0x61...0x66: digit - 0x61 + 10
        default: nil
        }
    }
}
