import TrackwireProtocol

extension MeiligaoCodec {
    /// What `meiligao` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "meiligao",
        title: "Meiligao (GT30, GT60, VT300, VT310)",
        defaultPort: 5009, transports: [.tcp, .udp],
        options: [alternative],
        commandTypes: ["position_single", "position_periodic", "engine_stop", "engine_resume", "alarm_geofence", "set_timezone", "request_photo", "reboot"],
        simulator: { _ in MeiligaoDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `Alternative`: engine commands set five outputs (0x4114) instead of one (0x4115).
    static let alternative = CodecOption("Alternative", .flag, "Engine commands set five outputs (0x4114) instead of one (0x4115).")
}
