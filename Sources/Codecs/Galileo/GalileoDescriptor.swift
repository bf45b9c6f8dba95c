import TrackwireProtocol

extension GalileoCodec {
    /// What `galileo` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "galileo",
        title: "Galileosky (tagged, compressed, Iridium)",
        defaultPort: 5034, transports: [.tcp],
        options: [compressed],
        commandTypes: ["output_control", "custom"],
        simulator: { _ in GalileoDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `Compressed`: Iridium packets carry compressed records (Traccar's `galileo.extended`).
    static let compressed = CodecOption("Compressed", .flag, "Iridium packets carry compressed records (Traccar's galileo.extended).")
}
