import TrackwireProtocol

/// The serial data of a `UEX` report: a byte count, then `;`-separated items until the count is
/// used up (`CabAVL…` fuel, `GTSL|…` driver id, `t_N=`/`N_N=`/`Q_D=` hex sensors, or free text),
/// then a checksum field.
enum SuntechSerialData {
    static func read(_ fields: inout TextFieldReader, into position: inout Position) throws(DecodeError) {
        var remaining = try fields.int()
        var totalFuel = 0.0
        while remaining > 0, fields.remaining > 0 {
            let item = try fields.next()
            totalFuel += apply(item, to: &position)
            remaining -= item.count + 1
        }
        if totalFuel > 0 { position.attributes["fuel"] = .double(totalFuel) }
        fields.skip()  // checksum
    }

    /// Applies one item; returns the fuel it adds to the total.
    private static func apply(_ item: String, to position: inout Position) -> Double {
        if item.hasPrefix("CabAVL") { return cabAVL(item, to: &position) }
        if item.hasPrefix("GTSL") {
            let parts = item.split(separator: "|", omittingEmptySubsequences: false)
            if parts.count > 4 { position.attributes["driverUniqueId"] = .string(String(parts[4])) }
            return 0
        }
        guard item.contains("=") else {
            position.attributes["serial"] = .string(trimmed(item))
            return 0
        }
        return sensor(item, to: &position)
    }

    /// `CabAVL"CabMensaje,<x>,<fuel1>,<fuel2>,…`: two tank levels, counted when positive.
    private static func cabAVL(_ item: String, to position: inout Position) -> Double {
        let parts = item.split(separator: ",", omittingEmptySubsequences: false)
        var total = 0.0
        for (index, key) in [(2, "fuel1"), (3, "fuel2")] where index < parts.count {
            if let fuel = TextNumber.decimal(parts[index]), fuel > 0 {
                position.attributes[key] = .double(fuel)
                total += fuel
            }
        }
        return total
    }

    /// `t_N=<hex>` temperature, `N_N=<hex>` fuel, `Q_D=<hex>` driving quality; decimals dropped.
    private static func sensor(_ item: String, to position: inout Position) -> Double {
        let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = Array(pair[0])
        guard pair.count == 2, let kind = name.first,
              let value = TextNumber.hex(trimmed(String(pair[1])).prefix { $0 != "." }) else { return 0 }
        let suffix = name.count > 2 ? String(name[2]) : ""
        switch kind {
        case "t": position.attributes["temp\(suffix)"] = .int(value)
        case "N":
            position.attributes["fuel\(suffix)"] = .int(value)
            return Double(value)
        case "Q": position.attributes["drivingQuality"] = .int(value)
        default: break
        }
        return 0
    }

    /// Java's `trim()`: drops leading and trailing characters up to space (controls, CR, LF).
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { $0.value > 0x20 }),
              let end = scalars.lastIndex(where: { $0.value > 0x20 }) else { return "" }
        return String(scalars[start...end])
    }
}
