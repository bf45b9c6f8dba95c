import TrackwireProtocol

extension GPS103Codec {
    /// What `gps103` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "gps103",
        title: "GPS103 / TK103-2 / Coban",
        defaultPort: 5001, transports: [.tcp, .udp],
        options: [],
        commandTypes: ["engine_stop", "engine_resume", "alarm_arm", "alarm_disarm", "position_single", "position_periodic", "position_stop", "request_photo", "custom"],
        simulator: { _ in GPS103Device() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }
}
