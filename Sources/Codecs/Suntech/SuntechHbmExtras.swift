import TrackwireProtocol

/// The fields some legacy firmware appends (`Hbm` option): engine hours (minutes), backup battery,
/// archive flag, then per options ADC×3, RPM, driver id + registered flag, temperatures×3, and at
/// level 2 the serving cell. Read leniently: a field that is not a number is skipped.
struct SuntechHbmExtras {
    let options: SuntechOptions

    func read(_ fields: inout TextFieldReader, into position: inout Position) {
        if fields.remaining > 0, let minutes = fields.optionalInt() { position.attributes["hours"] = .int(Int64(minutes) &* 60_000) }
        if fields.remaining > 0, let battery = fields.optionalDouble() { position.attributes["battery"] = .double(battery) }
        if fields.remaining > 0, (try? fields.next()) == "0" { position.attributes["archive"] = .bool(true) }
        if options.includeAdc {
            for i in 1...3 where fields.remaining > 0 {
                position.set("adc\(i)", fields.optionalDouble().map(AttributeValue.double))
            }
        }
        if options.includeRpm, fields.remaining > 0, let rpm = fields.optionalInt() { position.attributes["rpm"] = .int(rpm) }
        if fields.remaining >= (options.hbm == 1 ? 2 : 7) {
            if let driver = try? fields.next(), !driver.isEmpty { position.attributes["driverUniqueId"] = .string(driver) }
            fields.skip()  // registered
        }
        if options.includeTemp { readTemperatures(&fields, into: &position) }
        // Level 2 then carries the serving cell (cid;mcc;mnc;rssi;lac), which positions do not hold.
    }

    /// Three `<sensor id>:<value>` fields; the value may be empty.
    private func readTemperatures(_ fields: inout TextFieldReader, into position: inout Position) {
        for i in 1...3 where fields.remaining > 0 {
            guard let field = try? fields.next() else { return }
            let value = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).last ?? ""
            position.set("temp\(i)", TextNumber.decimal(value).map(AttributeValue.double))
        }
    }
}
