import TrackwireProtocol

extension TopinCodec {
    /// What `topin` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "topin",
        title: "Topin trackers and watches",
        defaultPort: 5199, transports: [.tcp],
        options: [],
        commandTypes: ["sos_number"],
        simulator: { _ in TopinDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }
}
