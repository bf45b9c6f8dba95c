import TrackwireProtocol

extension RuptelaCodec {
    /// What `ruptela` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "ruptela",
        title: "Ruptela FM-Eco / FM-Pro / Trace",
        defaultPort: 5046, transports: [.tcp],
        options: [],
        commandTypes: [
            "engine_stop", "engine_resume", "request_photo", "configuration", "get_version", "firmware_update", "output_control",
            "set_connection", "set_odometer", "custom",
        ],
        simulator: { _ in RuptelaDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }
}
