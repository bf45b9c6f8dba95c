import Foundation
import NIOCore
import SwiftProtobuf
import TrackwireProtocol

/// One message as clients receive it: a JSON object rendered once and shared by every client
/// (ByteBuffer is copy-on-write, so a thousand clients hold one copy). The format is in docs/push.md:
/// `{"type":"position","device":"a","offset":7,"topic":"pos.3c.a","data":{…}}`, with `"kind"` for events.
public struct WireMessage: Sendable {
    public let device: String
    /// Per device, per push process, starting at 1; `epoch` says which process.
    public let offset: UInt64
    public let kind: MessageKind
    /// The event's topic name (`enter`, `alarm`, ...) for events.
    public let eventKind: String?
    /// When the device's time said this happened (for "last seen"), unix ms; 0 if unknown.
    public let timeMs: Int64
    /// The complete JSON object.
    public let json: ByteBuffer

    /// Renders a decoded bus message. `data` is its JSON (`MessageRegistry.json(of:)`).
    init(device: String, offset: UInt64, kind: MessageKind, eventKind: String?, topic: String, timeMs: Int64, data: String) {
        self.device = device
        self.offset = offset
        self.kind = kind
        self.eventKind = eventKind
        self.timeMs = timeMs
        var text = #"{"type":"\#(kind.rawValue)","device":\#(JSONString.quoted(device)),"offset":\#(offset)"#
        if let eventKind { text += #","kind":\#(JSONString.quoted(eventKind))"# }
        text += #","topic":\#(JSONString.quoted(topic)),"time_ms":\#(timeMs),"data":\#(data)}"#
        json = ByteBuffer(string: text)
    }

    /// The JSON as text (tests, SSE).
    public var text: String { String(buffer: json) }
}

/// Control messages push sends besides bus messages (docs/push.md).
enum ControlMessage {
    /// `{"type":"gap","device":…,"from":…,"to":…}`: offsets `from...to` of `device` are gone from
    /// the history; the client missed them for good.
    static func gap(device: String, from: UInt64, to: UInt64) -> ByteBuffer {
        ByteBuffer(string: #"{"type":"gap","device":\#(JSONString.quoted(device)),"from":\#(from),"to":\#(to)}"#)
    }

    /// `{"type":"hello","epoch":…,"watch":{…}}`: sent first, and again after every watch change.
    static func hello(epoch: String, watch: Watch) -> ByteBuffer {
        let devices = watch.devices.sorted().map(JSONString.quoted).joined(separator: ",")
        let kinds = watch.kinds.names.map(JSONString.quoted).joined(separator: ",")
        return ByteBuffer(string: #"{"type":"hello","epoch":\#(JSONString.quoted(epoch)),"watch":{"all":\#(watch.allDevices),"devices":[\#(devices)],"kinds":[\#(kinds)]}}"#)
    }

    /// `{"type":"error","reason":…}`: a request the client got wrong; the connection stays.
    static func error(_ reason: String) -> ByteBuffer {
        ByteBuffer(string: #"{"type":"error","reason":\#(JSONString.quoted(reason))}"#)
    }

    /// `{"type":"disconnect","reason":…}`: the last message before push closes the connection.
    static func disconnect(_ reason: String) -> ByteBuffer {
        ByteBuffer(string: #"{"type":"disconnect","reason":\#(JSONString.quoted(reason))}"#)
    }
}
