import TrackwireProtocol

extension CastelCodec {
    /// What `castel` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "castel",
        title: "Castel OBD units (IDD-213, CC and MPIP series)",
        defaultPort: 5086, transports: [.tcp, .udp],
        options: [],
        commandTypes: ["engine_stop", "engine_resume"],
        simulator: { _ in CastelDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }
}
