import TrackwireProtocol

extension CalAmpCodec {
    /// What `calamp` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "calamp",
        title: "CalAmp LM Direct (LMU, TTU)",
        defaultPort: 5082, transports: [.udp],
        options: [],
        commandTypes: [],
        simulator: { _ in CalAmpDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }
}
