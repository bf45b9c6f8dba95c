import TrackwireProtocol

extension MeitrackCodec {
    /// What `meitrack` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "meitrack",
        title: "Meitrack (MT90, T1, T333, MVT)",
        defaultPort: 5020, transports: [.tcp, .udp],
        options: [modelOverride, alternative],
        commandTypes: ["engine_stop", "engine_resume", "alarm_arm", "alarm_disarm", "position_single", "request_photo", "send_sms", "custom"],
        simulator: { _ in MeitrackDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `ModelOverride`: the model, for the scaling of hex battery and power values.
    static let modelOverride = CodecOption("ModelOverride", .text, "The model, for the scaling of hex battery and power values.")

    /// `Alternative`: arm and disarm with `B21` instead of `C01`.
    static let alternative = CodecOption("Alternative", .flag, "Arm and disarm with `B21` instead of `C01`.")
}
