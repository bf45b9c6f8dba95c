import TrackwireProtocol

extension GL200Codec {
    /// What `gl200` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "gl200",
        title: "Queclink GL200 family (@Track)",
        defaultPort: 5004, transports: [.tcp, .udp],
        options: [modelOverride, ack],
        commandTypes: ["engine_stop", "engine_resume", "position_single", "identification", "reboot", "custom"],
        simulator: { _ in GL200Device() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `ModelOverride`: the model when the protocol version cannot name it.
    static let modelOverride = CodecOption("ModelOverride", .text, "The model when the protocol version cannot name it.")

    /// `Ack`: answer every text report with `+SACK:<count>$`.
    static let ack = CodecOption("Ack", .flag, "Answer every text report with `+SACK:<count>$`.")
}
