import TrackwireProtocol

extension TK103Codec {
    /// What `tk103` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "tk103",
        title: "TK103 / Xexun",
        defaultPort: 5002, transports: [.tcp, .udp],
        options: [speed, decodeLow, alternative],
        commandTypes: ["engine_stop", "engine_resume", "position_single", "position_periodic", "position_stop", "get_device_status", "get_version", "identification", "reboot", "power_off", "alarm_sos", "sos_number", "set_odometer", "set_connection", "output_control", "mode_power_saving", "mode_deep_sleep", "custom"],
        simulator: { _ in TK103Device() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `speed`: the unit of reported speeds (default km/h).
    static let speed = CodecOption("speed", .choice(["kmh", "kn", "mph", "mps"]), "The unit of reported speeds (default km/h).")

    /// `decodeLow`: report clear io-mask bits too.
    static let decodeLow = CodecOption("decodeLow", .flag, "Report clear io-mask bits too.")

    /// `alternative`: commands in the SMS form `[begin]sms2,<text>,[end]`.
    static let alternative = CodecOption("alternative", .flag, "Commands in the SMS form `[begin]sms2,<text>,[end]`.")
}
