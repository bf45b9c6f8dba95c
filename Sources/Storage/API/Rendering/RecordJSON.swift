import Foundation
import TrackwireProtocol

/// JSON for the API's own records: devices, commands, dead letters (docs/api.md); positions and
/// events have their one JSON form in TrackwireProtocol (`PositionJSON`, `EventJSON`).
enum RecordJSON {
    static func device(_ device: DeviceRecord) -> JSONValue {
        .object([
            "id": .string(device.id),
            "protocol": .string(device.protocolName),
            "first_seen": .string(TimeFormat.iso(ms: device.firstSeenMs)),
            "first_seen_ms": .int(device.firstSeenMs),
            "last_seen": .string(TimeFormat.iso(ms: device.lastSeenMs)),
            "last_seen_ms": .int(device.lastSeenMs),
            "online": device.online.map(JSONValue.bool) ?? .null,
            "last_position": device.lastPosition.map(PositionJSON.render) ?? .null,
        ])
    }

    static func command(_ command: Command) -> JSONValue {
        var params = JSONObject()
        for key in command.params.keys.sorted() { params[key] = .string(command.params[key]!) }
        return .object([
            "id": .string(command.id),
            "device": .string(command.deviceID),
            "type": .string(command.type),
            "text": command.text.isEmpty ? .null : .string(command.text),
            "params": .object(params),
            "created": .string(TimeFormat.iso(ms: command.createdMs)),
            "created_ms": .int(command.createdMs),
            "topic": .string(Topic.command(device: command.deviceID)),
            "status": command.status.isEmpty ? .null : .string(command.status),
            "updated_ms": command.updatedMs > 0 ? .int(command.updatedMs) : .null,
            "expires_ms": command.expiresMs > 0 ? .int(command.expiresMs) : .null,
            "result": command.result.isEmpty ? .null : .string(command.result),
            "gateway": command.gatewayID.isEmpty ? .null : .string(command.gatewayID),
        ])
    }

    static func deadLetter(_ letter: DeadLetter) -> JSONValue {
        let reject = letter.reject
        return .object([
            "id": .int(letter.id),
            "stage": .string(reject.stage),
            "instance": .string(reject.instance),
            "reason": .string(reject.reason),
            "error_type": .string(reject.errorType),
            "topic": .string(reject.topic),
            "body_base64": .string(Data(reject.body).base64EncodedString()),
            "body_bytes": .int(Int64(reject.body.count)),
            "time": .string(TimeFormat.iso(ms: reject.timeMs)),
            "time_ms": .int(reject.timeMs),
        ])
    }
}
