import TrackwireProtocol

extension TeltonikaCodec {
    /// What `teltonika` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "teltonika",
        title: "Teltonika FM/FMB/GH",
        defaultPort: 5027, transports: [.tcp, .udp],
        options: [extended, modelOverride],
        commandTypes: ["engine_stop", "engine_resume", "custom"],
        simulator: { _ in TeltonikaDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `Extended`: records carry the extended 16-byte IO group.
    static let extended = CodecOption("Extended", .flag, "Records carry the extended 16-byte IO group.")

    /// `ModelOverride`: the device model (FMB130, ...), which unlocks model-specific IO names.
    static let modelOverride = CodecOption("ModelOverride", .text, "The device model (FMB130, ...), which unlocks model-specific IO names.")
}
