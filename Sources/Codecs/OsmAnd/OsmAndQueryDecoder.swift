import TrackwireProtocol

/// Turns OsmAnd / Traccar Client query parameters into a position, as Traccar reads them:
/// `lat`/`lon` or `location=lat,lon`, `timestamp` (s, ms or a date), `speed` in knots unless the
/// `Speed` option says `kmh`, `mps` or `mph`, `bearing`/`heading`, `altitude`, `accuracy`, `hdop`,
/// `batt` (→ `batteryLevel`), `charge`, `driverUniqueId`, `cell`/`wifi` (kept as text, several
/// joined by `;`); any other key becomes an attribute (number → double, `true`/`false` → bool,
/// otherwise text). Unreadable numbers are ignored rather than failing the request.
struct OsmAndQueryDecoder {
    let protocolName: String

    /// Decodes the parameters of one request.
    func decode(_ parameters: [(key: String, value: String)], context: DecodeContext) throws(DecodeError) -> Decoded {
        var draft = OsmAndPositionDraft()
        let speedUnit = OsmAndCodec.speed.value(in: context.options)?.lowercased()
        for (key, value) in parameters {
            apply(key, value, speedUnit: speedUnit, to: &draft)
        }
        guard let deviceId = draft.deviceId ?? context.deviceId else {
            throw DecodeError("unidentified", "OsmAnd request without id or deviceid")
        }
        let position = draft.finish(deviceId: deviceId, protocolName: protocolName, receivedAtMs: context.receivedAtMs)
        return Decoded(kind: .position, deviceId: deviceId, positions: [position])
    }

    private func apply(_ key: String, _ value: String, speedUnit: String?, to draft: inout OsmAndPositionDraft) {
        let number = Double(value)
        switch key {
        case "id", "deviceid": if !value.isEmpty { draft.deviceId = value }
        case "valid": draft.position.valid = value.lowercased() == "true" || value == "1"
        case "timestamp": if let time = OsmAndTime.parseParameter(value) { draft.timeMs = time }
        case "lat": number.map { draft.position.latitude = $0 }
        case "lon": number.map { draft.position.longitude = $0 }
        case "location": applyLocation(value, to: &draft)
        case "cell", "wifi": draft.appendText(key, key == "wifi" ? wifiText(value) : value)
        case "speed": number.map { draft.position.speedKmh = Self.kmh(speed: $0, unit: speedUnit) }
        case "bearing", "heading": number.map { draft.position.courseDeg = $0 }
        case "altitude": number.map { draft.position.altitudeM = $0 }
        case "accuracy": number.map { draft.attributes["accuracy"] = .double($0) }
        case "hdop": number.map { draft.position.hdop = $0; draft.attributes["hdop"] = .double($0) }
        case "batt": number.map { draft.attributes["batteryLevel"] = .double($0) }
        case "charge": draft.attributes["charge"] = .bool(value.lowercased() == "true")
        case "driverUniqueId": draft.attributes["driverUniqueId"] = .string(value)
        case "notificationToken": break  // a device setting in Traccar, not a position attribute
        default: draft.attributes[key] = Self.attribute(value)
        }
    }

    private func applyLocation(_ value: String, to draft: inout OsmAndPositionDraft) {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count >= 2, let latitude = Double(parts[0]), let longitude = Double(parts[1]) else { return }
        draft.position.latitude = latitude
        draft.position.longitude = longitude
    }

    /// Wi-Fi MACs arrive with `-` or `:`; Traccar stores them with `:`.
    private func wifiText(_ value: String) -> String {
        let parts = value.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        guard let mac = parts.first else { return value }
        return ([String(mac.map { $0 == "-" ? ":" : $0 })] + parts.dropFirst().map(String.init)).joined(separator: ",")
    }

    /// Speed in km/h from the query's unit (`Speed` option: `kn` default, `kmh`, `mps`, `mph`).
    static func kmh(speed: Double, unit: String?) -> Double {
        switch unit?.lowercased() {
        case "kmh": speed
        case "mps": Speed.kmh(metersPerSecond: speed)
        case "mph": Speed.kmh(mph: speed)
        default: Speed.kmh(knots: speed)
        }
    }

    /// An unknown parameter's value, typed as Traccar types it.
    static func attribute(_ value: String) -> AttributeValue {
        if let number = Double(value) { return .double(number) }
        if value == "true" || value == "false" { return .bool(value == "true") }
        return .string(value)
    }
}
