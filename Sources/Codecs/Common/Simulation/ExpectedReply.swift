import Foundation

/// The reply that acknowledges one message, recognised at the start of the bytes the gateway sent.
public enum ExpectedReply: Sendable, Equatable {
    /// Exactly these bytes (GT06 acks, Teltonika counts, `LOAD`, ...).
    case exact([UInt8])
    /// These bytes, then anything up to and including `terminator` (H02's `*HQ,<id>,V4,V1,<server time>#`).
    case delimited(prefix: [UInt8], terminator: UInt8)
    /// `length` bytes that start with `prefix`; the rest varies (a login ack carrying the server's clock).
    case sized(prefix: [UInt8], length: Int)
    /// An HTTP response with a 2xx status, its headers and its `content-length` body. Any other
    /// complete response answers the request too, as a refusal (`ReplyMatch.refused`).
    case httpSuccess

    /// A text reply expected verbatim.
    public static func text(_ text: String) -> ExpectedReply { .exact(Array(text.utf8)) }

    /// Whether `bytes` start with this reply.
    public func match(_ bytes: ArraySlice<UInt8>) -> ReplyMatch {
        switch self {
        case .exact(let expected):
            return Self.matchPrefix(expected, bytes) ?? .matched(length: expected.count)
        case .delimited(let prefix, let terminator):
            if let partial = Self.matchPrefix(prefix, bytes) { return partial }
            guard let end = bytes.dropFirst(prefix.count).firstIndex(of: terminator) else { return .needMore }
            return .matched(length: end - bytes.startIndex + 1)
        case .sized(let prefix, let length):
            if let partial = Self.matchPrefix(prefix, bytes) { return partial }
            return bytes.count >= length ? .matched(length: length) : .needMore
        case .httpSuccess:
            return Self.matchHTTP(bytes)
        }
    }

    /// `nil` when `bytes` start with all of `prefix`; otherwise `.needMore` or `.mismatch`.
    private static func matchPrefix(_ prefix: [UInt8], _ bytes: ArraySlice<UInt8>) -> ReplyMatch? {
        let common = min(prefix.count, bytes.count)
        guard bytes.prefix(common).elementsEqual(prefix.prefix(common)) else { return .mismatch }
        return common < prefix.count ? .needMore : nil
    }

    private static let httpPrefix = Array("HTTP/1.1 ".utf8)
    private static let headerEnd = Array("\r\n\r\n".utf8)

    /// Responses come in request order, so whatever the status, a complete response is this
    /// request's answer: 2xx acknowledges it, anything else refuses it (503 while the bus pushes
    /// back or a commit is overdue).
    private static func matchHTTP(_ bytes: ArraySlice<UInt8>) -> ReplyMatch {
        if let partial = matchPrefix(httpPrefix, bytes) { return partial }
        guard let end = firstIndex(of: headerEnd, in: bytes) else { return .needMore }
        let success = bytes.dropFirst(httpPrefix.count).first == UInt8(ascii: "2")
        let head = String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").lazy
            .compactMap { line in line.hasPrefix("content-length:") ? Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) : nil }
            .first ?? 0
        let total = end + headerEnd.count + length - bytes.startIndex
        guard bytes.count >= total else { return .needMore }
        return success ? .matched(length: total) : .refused(length: total)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (bytes.startIndex...(bytes.endIndex - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}

/// What the start of the received bytes is, compared with an expected reply.
public enum ReplyMatch: Sendable, Equatable {
    /// The first `length` bytes are the reply.
    case matched(length: Int)
    /// So far they agree; wait for more bytes.
    case needMore
    /// They are something else.
    case mismatch
    /// The first `length` bytes answer the message, refusing it (an HTTP error status).
    case refused(length: Int)
}
