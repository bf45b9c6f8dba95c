import TrackwireProtocol

extension AtrackCodec {
    /// What `atrack` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "atrack",
        title: "ATrack (AK1, AK7, AX7, AX9)",
        defaultPort: 5044, transports: [.tcp, .udp],
        options: [longDate, decimalFuel, custom, form, alarmMap, frameMask],
        commandTypes: ["custom"],
        simulator: { _ in AtrackDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `LongDate`: binary records start with a broken-down date instead of Unix times.
    static let longDate = CodecOption("LongDate", .flag, "Binary records start with a broken-down date instead of Unix times.")

    /// `DecimalFuel`: the fuel in `FULS:` messages is decimal, not hex.
    static let decimalFuel = CodecOption("DecimalFuel", .flag, "The fuel in FULS: messages is decimal, not hex.")

    /// `Custom`: records end with custom data laid out by the `%CI` format string they carry.
    static let custom = CodecOption("Custom", .flag, "Records end with custom data laid out by the %CI format string they carry.")

    /// `Form`: the custom data's layout (`%AT%BV%MV…`) when records do not carry it; implies `Custom`.
    static let form = CodecOption("Form", .text, "The custom data's layout (%AT%BV%MV...) when records do not carry it; implies Custom.")

    /// `AlarmMap`: report ids that are alarms, `id=alarm,…` (`2=sos,5=powerCut`).
    static let alarmMap = CodecOption("AlarmMap", .text, "Report ids that are alarms, id=alarm,... (2=sos,5=powerCut).")

    /// `FrameMask`: beacon (`BC`) values carry no mode:mask prefix.
    static let frameMask = CodecOption("FrameMask", .integer, "Beacon (BC) values carry no mode:mask prefix.")
}
