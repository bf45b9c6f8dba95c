import Codecs
import TrackwireProtocol

/// The body of `POST /api/commands`: `{"device": "...", "type": "...", "text": "...", "params": {...}}`,
/// validated before anything is stored or sent.
struct CommandRequest: Equatable {
    /// Every command type some codec encodes, as the codecs' descriptors declare them
    /// (docs/commands.md). A type outside this set would be counted as unsupported by every
    /// gateway, so the API refuses it up front.
    static let knownTypes = Set(CodecRegistry.descriptors.flatMap(\.commandTypes))
    /// In characters (Unicode scalars), as JSON Schema's `maxLength` counts.
    static let maxTextLength = 4096
    /// The longest `expires_in`: 30 days, in seconds.
    static let maxExpiresIn: Int64 = 30 * 86_400

    /// The command types `device`'s protocol encodes, in its descriptor's order; none when the
    /// protocol is unknown.
    static func types(for device: DeviceRecord) -> [String] {
        CodecRegistry.descriptor(named: device.protocolName)?.commandTypes ?? []
    }

    var device: String
    var type: String
    var text: String
    var params: [String: String]
    /// Seconds after which an undelivered command expires; `nil`: it waits until delivered.
    var expiresIn: Int64?

    /// Reads and checks a request body; throws a 400 `APIError` naming the problem.
    init(_ body: JSONValue) throws {
        guard case .object = body else { throw APIError.badRequest("the body must be a JSON object {device, type, text?, params?}") }
        guard let device = body["device"]?.stringValue, !device.isEmpty, device.unicodeScalars.count <= 128 else {
            throw APIError.badRequest("device must be a device id (1 to 128 characters)")
        }
        guard let type = body["type"]?.stringValue, Self.knownTypes.contains(type) else {
            throw APIError.badRequest("type must be one of \(Self.knownTypes.sorted().joined(separator: ", ")) (docs/commands.md)")
        }
        let text: String
        switch body["text"] {
        case nil, .null?: text = ""
        case .string(let value)?: text = value
        default: throw APIError.badRequest("text must be a string")
        }
        guard text.unicodeScalars.count <= Self.maxTextLength else {
            throw APIError.badRequest("text is longer than \(Self.maxTextLength) characters")
        }
        if type == "custom", text.isEmpty { throw APIError.badRequest("a custom command needs its text") }
        self.device = device
        self.type = type
        self.text = text
        self.params = try Self.params(body["params"])
        switch body["expires_in"] {
        case nil, .null?: expiresIn = nil
        case .int(let seconds)? where seconds > 0 && seconds <= Self.maxExpiresIn: expiresIn = seconds
        // JSON Schema counts 2.0 as an integer, and so does the document: accept whole doubles.
        case .double(let seconds)? where seconds.rounded() == seconds && seconds >= 1 && seconds <= Double(Self.maxExpiresIn):
            expiresIn = Int64(seconds)
        default: throw APIError.badRequest("expires_in must be a whole number of seconds from 1 to \(Self.maxExpiresIn)")
        }
    }

    /// `params` as strings; numbers and booleans are accepted and written as their JSON text.
    private static func params(_ value: JSONValue?) throws -> [String: String] {
        switch value {
        case nil, .null?: return [:]
        case .object(let object)?:
            var params: [String: String] = [:]
            for (key, value) in object.members {
                switch value {
                case .string(let text): params[key] = text
                case .int, .double, .bool: params[key] = value.text
                default: throw APIError.badRequest("params.\(key) must be a string, number or boolean")
                }
            }
            return params
        default: throw APIError.badRequest("params must be an object of strings")
        }
    }

    /// The command to store and publish.
    func command(id: String, createdMs: Int64) -> Command {
        Command.with {
            $0.id = id
            $0.deviceID = device
            $0.type = type
            $0.text = text
            $0.params = params
            $0.createdMs = createdMs
            $0.status = "queued"
            $0.updatedMs = createdMs
            if let expiresIn { $0.expiresMs = createdMs + expiresIn * 1000 }
        }
    }
}
