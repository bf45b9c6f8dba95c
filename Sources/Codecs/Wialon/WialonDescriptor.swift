import TrackwireProtocol

extension WialonCodec {
    /// What `wialon` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "wialon",
        title: "Wialon IPS 1.1 / 2.0",
        defaultPort: 5039, transports: [.tcp, .udp],
        options: [],
        commandTypes: ["reboot", "send_ussd", "identification", "output_control", "custom"],
        simulator: { _ in WialonDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }
}
