import TrackwireProtocol

extension SuntechCodec {
    /// What `suntech` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "suntech",
        title: "Suntech (ST300, ST340, ST600, ST910, SA200)",
        defaultPort: 5011, transports: [.tcp],
        options: [hbm, protocolType, includeAdc, includeRpm, includeTemp, alternative, prefix],
        commandTypes: ["engine_stop", "engine_resume", "alarm_arm", "alarm_disarm", "position_single", "output_control", "reboot", "custom"],
        simulator: { _ in SuntechDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `Hbm`: extra fields after legacy reports, level 0-2 (`true` is 1).
    static let hbm = CodecOption("Hbm", .choice(["0", "1", "2", "true"]), "Extra fields after legacy reports, level 0-2 (`true` is 1).")

    /// `ProtocolType`: 1: ST910 reports carry a cell id and an odometer.
    static let protocolType = CodecOption("ProtocolType", .integer, "1: ST910 reports carry a cell id and an odometer.")

    /// `IncludeAdc`: legacy reports carry ADC values.
    static let includeAdc = CodecOption("IncludeAdc", .flag, "Legacy reports carry ADC values.")

    /// `IncludeRpm`: legacy reports carry the engine RPM.
    static let includeRpm = CodecOption("IncludeRpm", .flag, "Legacy reports carry the engine RPM.")

    /// `IncludeTemp`: legacy reports carry a temperature.
    static let includeTemp = CodecOption("IncludeTemp", .flag, "Legacy reports carry a temperature.")

    /// `Alternative`: commands in the universal form.
    static let alternative = CodecOption("Alternative", .flag, "Commands in the universal form.")

    /// `Prefix`: the legacy command prefix (default SA200).
    static let prefix = CodecOption("Prefix", .text, "The legacy command prefix (default SA200).")
}
