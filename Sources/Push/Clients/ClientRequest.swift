import Foundation

/// What a client asks for when it connects (query parameters) or later (WebSocket control
/// messages): a watch, and offsets to resume from. See docs/push.md.
public struct ClientRequest: Sendable, Equatable {
    public var watch: Watch
    public var resume: Resume
    /// How many recent positions per device a new client gets first (`?tail=30`; default 1, the last).
    public var tail = 1

    /// Parses `?devices=a,b` or `?all`, `?kinds=position,enter`, `?offsets=a:12,b:40`, `?epoch=…`.
    /// Without `devices`, a client watches every device.
    public init(query: [String: String]) throws(WatchError) {
        let devices = Self.list(query["devices"])
        var kinds = WatchKinds.everything
        if let names = query["kinds"] { kinds = try WatchKinds(names: Self.list(names)) }
        watch = Watch(
            allDevices: devices.isEmpty || query["all"].map { $0 != "false" && $0 != "0" } == true,
            devices: Set(devices),
            kinds: kinds
        )
        var offsets: [String: UInt64] = [:]
        for pair in Self.list(query["offsets"]) {
            guard let colon = pair.lastIndex(of: ":"), let offset = UInt64(pair[pair.index(after: colon)...]) else {
                throw WatchError("offsets take device:offset pairs, e.g. offsets=a:12,b:40; got '\(pair)'")
            }
            offsets[String(pair[..<colon])] = offset
        }
        resume = Resume(offsets: offsets, epoch: query["epoch"].flatMap { $0.isEmpty ? nil : $0 })
        if let text = query["tail"] {
            guard let tail = Int(text), tail >= 1 else { throw WatchError("tail takes a positive number of positions, got '\(text)'") }
            self.tail = tail
        }
    }

    private static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A control message a WebSocket client sends: `{"type":"watch",…}` or `{"type":"resume",…}`.
public enum ControlRequest: Sendable, Equatable {
    case watch(Watch)
    case resume(Resume)

    /// Parses one text message; throws with a reason for the client.
    public init(json: String) throws(WatchError) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              let type = object["type"] as? String else {
            throw WatchError("a control message is a JSON object with a \"type\": watch or resume")
        }
        switch type {
        case "watch":
            let devices = object["devices"] as? [String] ?? []
            var kinds = WatchKinds.everything
            if let names = object["kinds"] as? [String] { kinds = try WatchKinds(names: names) }
            self = .watch(Watch(allDevices: object["all"] as? Bool ?? devices.isEmpty, devices: Set(devices), kinds: kinds))
        case "resume":
            guard let raw = object["offsets"] as? [String: Any] else {
                throw WatchError("resume needs \"offsets\": {\"device\": lastOffset, ...}")
            }
            var offsets: [String: UInt64] = [:]
            for (device, value) in raw {
                guard let number = value as? NSNumber, number.int64Value >= 0 else { throw WatchError("offset of '\(device)' is not a whole number") }
                offsets[device] = number.uint64Value
            }
            self = .resume(Resume(offsets: offsets, epoch: object["epoch"] as? String))
        default:
            throw WatchError("unknown control message type '\(type)': use watch or resume")
        }
    }
}
