import TrackwireProtocol

extension WatchCodec {
    /// What `watch` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "watch",
        title: "3G / SG kids' watches",
        defaultPort: 5093, transports: [.tcp],
        options: [manufacturer, hasIndex],
        commandTypes: ["position_single", "position_periodic", "set_timezone", "sos_number", "alarm_sos", "alarm_battery", "alarm_remove", "alarm_clock", "silence_time", "set_phonebook", "set_indicator", "message", "reboot", "power_off", "voice_message", "custom"],
        simulator: { _ in WatchDevice() }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `Manufacturer`: the vendor tag commands carry (default CS; 3G is sent as SG).
    static let manufacturer = CodecOption("Manufacturer", .text, "The vendor tag commands carry (default CS; 3G is sent as SG).")

    /// `HasIndex`: commands carry the index field of devices that send one.
    static let hasIndex = CodecOption("HasIndex", .flag, "Commands carry the index field of devices that send one.")
}
