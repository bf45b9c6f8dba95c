import Foundation
import SwiftProtobuf
import TrackwireProtocol

/// What `FrameInspector` found in one payload: the positions and events it decodes to, what the
/// gateway would do with it (the device it names, the reply, an integrity problem), or why it is
/// refused.
public struct FrameReport: Sendable, Equatable {
    /// The frame kinds, one per frame (`position`, `login`, ...).
    public var kinds: [FrameKind] = []
    /// The device the frames are reported under.
    public var device: String?
    /// The bytes the gateway would send back, all frames' replies together.
    public var reply: [UInt8] = []
    /// The integrity problems `examine` reported (`bad_crc`, `bad_length`, ...), one per frame that has one.
    public var problems: [String] = []
    /// The positions, in order.
    public var positions: [Position] = []
    /// The device events, in order.
    public var events: [Event] = []
    /// Why the payload was refused (`unsupported: …`, `malformed: …`), as the decoder's reject says.
    public var error: String?

    /// An empty report, or a refusal.
    public init(error: String? = nil) { self.error = error }

    mutating func add(_ decoded: Decoded, device: String, examination: Examination) {
        kinds.append(decoded.kind)
        self.device = self.device ?? device
        reply += examination.reply ?? []
        if let problem = examination.problem { problems.append(problem) }
        positions += decoded.positions
        events += decoded.events
    }

    /// One JSON object: `{"error":"…"}`, or `{"kind","device",["reply"],["problems"],"positions":[…],"events":[…]}`
    /// with positions and events in the bus's JSON form (proto field names, map keys sorted).
    public var json: String {
        if let error { return #"{"error":\#(Self.quoted(error))}"# }
        var fields = [
            #""kind":\#(Self.quoted(kinds.map(\.rawValue).joined(separator: ",")))"#,
            #""device":\#(Self.quoted(device ?? FrameInspector.unknownDevice))"#,
        ]
        if !reply.isEmpty { fields.append(#""reply":"\#(HexText.lowercase(reply))""#) }
        if !problems.isEmpty { fields.append(#""problems":[\#(problems.map(Self.quoted).joined(separator: ","))]"#) }
        fields.append(#""positions":[\#(positions.map(Self.rendered).joined(separator: ","))]"#)
        fields.append(#""events":[\#(events.map(Self.rendered).joined(separator: ","))]"#)
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static let options: JSONEncodingOptions = {
        var options = MessageRegistry.jsonOptions
        options.useDeterministicOrdering = true
        return options
    }()

    private static func rendered(_ message: some SwiftProtobuf.Message) -> String {
        // Encoding a decoded message to JSON fails only for non-finite doubles, which codecs never emit.
        (try? message.jsonString(options: options)) ?? #"{"error":"unrenderable"}"#
    }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
