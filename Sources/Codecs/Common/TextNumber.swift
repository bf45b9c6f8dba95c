/// Strict number parsing for device text: plain decimal digits with an optional sign (and point),
/// never `nan`, `inf`, exponents or hex floats, so a corrupt field cannot become a non-finite value.
enum TextNumber {
    /// A decimal integer such as `0176` or `+5`; `nil` if anything else.
    static func int(_ text: some StringProtocol) -> Int? {
        let body = text.first == "+" ? Substring(text.dropFirst()) : Substring(text)
        return body.isEmpty || body.first == "+" ? nil : Int(body)
    }

    /// A hexadecimal integer; `nil` if empty or not hex.
    static func hex(_ text: some StringProtocol) -> Int? {
        text.isEmpty || text.first == "-" || text.first == "+" ? nil : Int(text, radix: 16)
    }

    /// A decimal number such as `-046.322176` or `+23.0`; `nil` if anything else.
    static func decimal(_ text: some StringProtocol) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
