import TrackwireProtocol

extension H02Codec {
    /// What `h02` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "h02",
        title: "H02 / Sinotrack",
        defaultPort: 5013, transports: [.tcp, .udp],
        options: [ack, alternative],
        commandTypes: ["engine_stop", "engine_resume", "alarm_arm", "alarm_disarm", "position_periodic", "custom"],
        simulator: { _ in H02Device() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `ack`: answer every message Traccar would not otherwise answer with `*HQ,<id>,R12,<time>#`.
    static let ack = CodecOption("ack", .flag, "Answer every message Traccar would not otherwise answer with `*HQ,<id>,R12,<time>#`.")

    /// `alternative`: periodic-position commands use `D1`.
    static let alternative = CodecOption("alternative", .flag, "Periodic-position commands use `D1`.")
}
