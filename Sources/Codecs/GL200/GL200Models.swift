/// Which Queclink model sent a report. Field layouts of several report types depend on it.
enum GL200Models {
    /// The decoder option that names the model when the protocol version cannot tell it.

    /// The configured model (upper-cased), else the model the protocol version's prefix names (the
    /// first 6 characters of a 10-character version, else the first 2), else "".
    static func model(version: Substring, options: [String: String]) -> String {
        if let configured = GL200Codec.modelOverride.text(in: options) { return configured.uppercased() }
        let prefixLength = version.count > 6 ? 6 : 2
        guard version.count >= prefixLength else { return "" }
        return byVersionPrefix[String(version.prefix(prefixLength))] ?? ""
    }

    /// Traccar's table of protocol-version prefixes.
    static let byVersionPrefix: [String: String] = [
        "02": "GL200", "04": "GV200", "06": "GV300", "08": "GMT100", "09": "GV50P", "0F": "GV55",
        "10": "GV55 LITE", "11": "GL500", "1A": "GL300", "1F": "GV500", "21": "GL200", "25": "GV300",
        "27": "GV300W", "28": "GL300VC", "2C": "GL300W", "2D": "GV500VC", "2F": "GV55", "4F": "GV56",
        "30": "GL300", "31": "GV65", "35": "GV200", "36": "GV500", "3F": "GMT100", "40": "GL500",
        "41": "GV75W", "42": "GT501", "44": "GL530", "45": "GB100", "50": "GV55W", "52": "GL50",
        "55": "GL50B", "5E": "GV500MAP", "6E": "GV310LAU", "74": "GV350CEU", "BD": "CV200",
        "C2": "GV600M", "C3": "GL320M", "DC": "GV600MG", "DE": "GL500M", "DF": "CV100LG",
        "F1": "GV350M", "F8": "GV800W", "FC": "GV600W", "802004": "GV58LAU", "802005": "GV355CEU",
        "80201E": "GV30CEU",
    ]

    /// `GV35.CEU` in Traccar's regular expressions: GV350CEU, GV355CEU and their siblings.
    static func isGV35xCEU(_ model: String) -> Bool {
        model.count == 8 && model.hasPrefix("GV35") && model.hasSuffix("CEU")
    }
}
