import TrackwireProtocol

extension JT808Codec {
    /// What `jt808` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "jt808",
        title: "JT/T 808 terminals (Jimi, AOVX, JT701 locks, ...)",
        defaultPort: 5015, transports: [.tcp],
        options: [modelOverride, timeZoneOffset, alternative],
        commandTypes: ["engine_stop", "engine_resume", "reboot", "position_periodic", "alarm_arm", "alarm_disarm", "custom"],
        simulator: { _ in JT808Device() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `ModelOverride`: the terminal model (JC371, AL300, GL100, MV710G, BSJ, ...), which changes how some fields, alarms and commands read.
    static let modelOverride = CodecOption("ModelOverride", .text, "The terminal model (JC371, AL300, GL100, MV710G, BSJ, ...), which changes how some fields, alarms and commands read.")

    /// `TimeZoneOffset`: minutes east of UTC of the terminals' clock (default 480, GMT+8).
    static let timeZoneOffset = CodecOption("TimeZoneOffset", .integer, "Minutes east of UTC of the terminals' clock (default 480, GMT+8).")

    /// `Alternative`: engine commands as 0xA006 oil control instead of 0x8105 terminal control.
    static let alternative = CodecOption("Alternative", .flag, "Engine commands as 0xA006 oil control instead of 0x8105 terminal control.")
}
