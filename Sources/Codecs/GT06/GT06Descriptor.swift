import TrackwireProtocol

extension GT06Codec {
    /// What `gt06` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "gt06",
        title: "GT06 / Concox",
        defaultPort: 5023, transports: [.tcp],
        options: [modelOverride, alternative, password, language],
        commandTypes: ["engine_stop", "engine_resume", "custom"],
        simulator: { _ in GT06Device() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `ModelOverride`: the device model (VL103, NT20, SEEWORLD, ...), which changes how some fields and alarm codes read.
    static let modelOverride = CodecOption("ModelOverride", .text, "The device model (VL103, NT20, SEEWORLD, ...), which changes how some fields and alarm codes read.")

    /// `Alternative`: engine commands in the `DYD,<password>#` / `HFYD,<password>#` form.
    static let alternative = CodecOption("Alternative", .flag, "Engine commands in the `DYD,<password>#` / `HFYD,<password>#` form.")

    /// `Password`: the password of the alternative command form (default 123456).
    static let password = CodecOption("Password", .text, "The password of the alternative command form (default 123456).")

    /// `Language`: commands carry the English language field.
    static let language = CodecOption("Language", .flag, "Commands carry the English language field.")
}
