import Foundation

/// Parsing with Foundation's JSONSerialization, keeping JSON's number kinds apart: `12` is an int,
/// `12.0` a double, `true` a bool (NSNumber's type code tells which the text held).
extension JSONValue {
    /// Parses JSON text; throws `APIError` (400) when it is not JSON.
    static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
        return JSONValue(foundation: object)
    }

    private init(foundation object: Any) {
        switch object {
        case let number as NSNumber: self = JSONValue(number: number)
        case let string as String: self = .string(string)
        case let array as [Any]: self = .array(array.map(JSONValue.init(foundation:)))
        case let dictionary as [String: Any]:
            var members = JSONObject()
            for key in dictionary.keys.sorted() { members[key] = JSONValue(foundation: dictionary[key]!) }
            self = .object(members)
        default: self = .null
        }
    }

    private init(number: NSNumber) {
        switch String(cString: number.objCType) {
        case "c", "B": self = .bool(number.boolValue)
        case "d", "f": self = .double(number.doubleValue)
        default: self = .int(number.int64Value)
        }
    }
}
