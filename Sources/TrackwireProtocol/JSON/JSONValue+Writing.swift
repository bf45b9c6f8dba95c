/// Serialisation: compact JSON, doubles in Swift's shortest round-tripping form (`12.0` stays a
/// double, `0.30000000000000004` keeps every digit), non-finite numbers as `null`.
extension JSONValue {
    /// The compact JSON text.
    public var text: String {
        var output = ""
        write(into: &output)
        return output
    }

    /// Appends the compact JSON text to `output`.
    public func write(into output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += value.isFinite ? value.description : "null"
        case .string(let value): JSONString.append(value, to: &output)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(into: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { output += "," }
                JSONString.append(member.key, to: &output)
                output += ":"
                member.value.write(into: &output)
            }
            output += "}"
        }
    }
}
