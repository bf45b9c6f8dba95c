/// The one JSON form of an `Event` (storage API, push, webhooks, `tw tap`;
/// docs/schemas/event.schema.json): its kind by topic name, its time as ISO 8601 and unix ms,
/// flat typed attributes, and the position that caused it in `PositionJSON`'s form.
public enum EventJSON {
    /// The members, in the documented order.
    public static func render(_ event: Event) -> JSONValue {
        var object = JSONObject()
        object.append("id", .string(event.id))
        object.append("device_id", .string(event.deviceID))
        object.append("kind", .string(event.kind.topicName))
        object.append("time", .string(TimeFormat.iso(ms: event.timeMs)))
        object.append("time_ms", .int(event.timeMs))
        object.append("geofence_id", event.geofenceID.isEmpty ? .null : .string(event.geofenceID))
        object.append("source", .string(event.source))
        object.append("attributes", PositionJSON.attributes(event.attributes))
        object.append("position", event.hasPosition ? PositionJSON.render(event.position) : .null)
        return .object(object)
    }
}

/// The one JSON form of a `Session` (push, webhooks, `tw tap`): a device coming online or going
/// offline, its time as ISO 8601 and unix ms. `session_id` is a string: an identifier, and
/// beyond the 2^53 a JavaScript number holds exactly.
public enum SessionJSON {
    /// The members, in the documented order.
    public static func render(_ session: Session) -> JSONValue {
        let timeMs = session.timeNs / 1_000_000
        var object = JSONObject()
        object.append("device_id", .string(session.deviceID))
        object.append("protocol", .string(session.protocol))
        object.append("state", .string(session.state == .online ? "online" : session.state == .offline ? "offline" : "unspecified"))
        object.append("time", .string(TimeFormat.iso(ms: timeMs)))
        object.append("time_ms", .int(timeMs))
        object.append("reason", .string(session.reason))
        object.append("gateway_id", .string(session.gatewayID))
        object.append("session_id", .string(String(session.sessionID)))
        object.append("transport", .string(session.transport.name))
        object.append("remote_address", .string(session.remoteAddress))
        object.append("frames", .int(Int64(clamping: session.frames)))
        object.append("bytes", .int(Int64(clamping: session.bytes)))
        return .object(object)
    }
}
