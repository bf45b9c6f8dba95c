import TrackwireProtocol

extension EelinkCodec {
    /// What `eelink` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "eelink",
        title: "Eelink (TK115, TK116, TK119, GPT06)",
        defaultPort: 5064, transports: [.tcp, .udp],
        options: [],
        commandTypes: ["engine_stop", "engine_resume", "position_single", "reboot", "custom"],
        simulator: { _ in EelinkDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }
}
