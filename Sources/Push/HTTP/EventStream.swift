import Foundation
import Hummingbird
import NIOCore

/// `GET /sse`: the same stream as the WebSocket as Server-Sent Events. Each message is one event:
/// `id: <device>:<offset>`, `event: <type>`, `data: <the JSON>`. What to watch and where to resume
/// come from the query (`devices`, `all`, `kinds`, `offsets`, `epoch`); SSE has no control channel.
struct EventStream {
    let hub: Hub
    let metrics: PushMetrics
    let queueCapacity: Int

    func response(for request: ClientRequest) -> Response {
        let (hub, metrics, capacity) = (self.hub, self.metrics, queueCapacity)
        let body = ResponseBody { writer in
            let queue = ClientQueue(capacity: capacity)
            try await writer.write(Self.event(ControlMessage.hello(epoch: hub.epoch, watch: request.watch), type: "hello"))
            let id = hub.connect(queue, watch: request.watch, resume: request.resume, tail: request.tail)
            metrics.connected(.sse)
            defer { hub.disconnect(id) }
            // The hub never waits for this loop; a write stuck on a client that stopped reading
            // ends when the socket does (SSE has no way to cancel it, unlike the WebSocket).
            var reason = "closed"
            do {
                while let batch = await queue.next() {
                    try await writer.write(contentsOf: batch.map { Self.event($0, type: nil) })
                    metrics.sent(batch.count, over: .sse)
                }
                if let closed = queue.closeReason, closed.hasPrefix("slow consumer") {
                    reason = "slow_consumer"
                    try await writer.write(Self.event(ControlMessage.disconnect(closed), type: "disconnect"))
                }
            } catch {}
            metrics.disconnected(reason: reason)
            try? await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: body
        )
    }

    /// One SSE event for a JSON message; the id and type are read from the JSON's first fields
    /// when `type` is nil (hub messages start `{"type":"…","device":"…","offset":N`).
    static func event(_ json: ByteBuffer, type: String?) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(json.readableBytes + 64)
        let text = String(buffer: json)
        let fields: (type: String, id: String?) = type.map { ($0, nil) } ?? Self.header(text)
        if let id = fields.id { out.writeString("id: \(id)\n") }
        out.writeString("event: \(fields.type)\ndata: ")
        out.writeImmutableBuffer(json)
        out.writeString("\n\n")
        return out
    }

    /// The type and `device:offset` id of a hub message, from its fixed leading fields.
    private static func header(_ text: String) -> (type: String, id: String?) {
        let type = text.dropFirst(9).prefix { $0 != "\"" }
        guard let object = try? JSONDecoder().decode(Header.self, from: Data(text.utf8)), let offset = object.offset,
              let device = object.device else { return (String(type), nil) }
        return (String(type), "\(device):\(offset)")
    }

    private struct Header: Decodable {
        let device: String?
        let offset: UInt64?
    }
}
