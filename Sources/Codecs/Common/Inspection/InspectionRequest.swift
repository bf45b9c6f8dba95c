import Foundation
import TrackwireProtocol

/// One frame to inspect, as `tw decode` is given it: a protocol, the device's bytes and what the
/// gateway would know about the session.
public struct InspectionRequest: Sendable, Equatable {
    /// The protocol name (`gt06`, `osmand`, ...).
    public var protocolName: String
    /// One frame as the device sends it, with or without the delimiter its framer cuts on.
    public var payload: [UInt8]
    /// The transport; `nil` means the protocol's primary one (its descriptor's first).
    public var transport: Transport?
    /// The session's device, for frames that do not name their own; `nil` reports `unknown`.
    public var device: String?
    /// Listener options (`ModelOverride` → `VL103`), checked against the protocol's declarations.
    public var options: [String: String]
    /// When the frame arrived, unix milliseconds: the reference for protocols that send only a
    /// time of day, and the time of replies that carry the server's clock.
    public var receivedAtMs: Int64

    /// A request; the transport defaults to the protocol's primary one.
    public init(protocolName: String, payload: [UInt8], transport: Transport? = nil, device: String? = nil,
                options: [String: String] = [:], receivedAtMs: Int64) {
        self.protocolName = protocolName
        self.payload = payload
        self.transport = transport
        self.device = device
        self.options = options
        self.receivedAtMs = receivedAtMs
    }

    /// Reads one JSON line `{"protocol","kind":"hex"|"text","payload"}` with the optional fields
    /// `device`, `transport` (`tcp`, `udp`, `http`), `options` (an object of strings) and
    /// `received_at_ms`; `receivedAtMs` is used when the line has none.
    public init(jsonLine: String, receivedAtMs: Int64) throws(InspectionError) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(jsonLine.utf8))) as? [String: Any] else {
            throw InspectionError("not a JSON object")
        }
        guard let name = object["protocol"] as? String else { throw InspectionError("\"protocol\" is missing") }
        guard let kind = object["kind"] as? String, let payload = object["payload"] as? String else {
            throw InspectionError("\"kind\" and \"payload\" are needed")
        }
        let options = object["options"] as? [String: Any] ?? [:]
        self.init(protocolName: name, payload: try Self.bytes(kind: kind, payload: payload),
                  transport: try (object["transport"] as? String).map(Self.transport(named:)),
                  device: (object["device"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                  options: options.mapValues { "\($0)" },
                  receivedAtMs: (object["received_at_ms"] as? NSNumber)?.int64Value ?? receivedAtMs)
    }

    /// The bytes of a payload given as `hex` digits or `text`.
    public static func bytes(kind: String, payload: String) throws(InspectionError) -> [UInt8] {
        switch kind {
        case "text": return Array(payload.utf8)
        case "hex":
            guard let bytes = HexText.bytes(payload.filter { !$0.isWhitespace }) else {
                throw InspectionError("payload is not hex digits")
            }
            return bytes
        default: throw InspectionError("\"kind\" must be hex or text, not '\(kind)'")
        }
    }

    /// The transport called `name` (`tcp`, `udp`, `http`).
    public static func transport(named name: String) throws(InspectionError) -> Transport {
        switch name.lowercased() {
        case "tcp": return .tcp
        case "udp": return .udp
        case "http": return .http
        default: throw InspectionError("transport must be tcp, udp or http, not '\(name)'")
        }
    }
}

/// A request that cannot be inspected: bad JSON, an unknown protocol, an undeclared option.
public struct InspectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, for the operator.
    public let description: String
    /// An error with its message.
    public init(_ description: String) { self.description = description }
}
