import TrackwireProtocol

extension OsmAndCodec {
    /// What `osmand` is: port, transports, options, commands and simulated device.
    public static let descriptor = ProtocolDescriptor(
        name: "osmand",
        title: "OsmAnd / Traccar Client (HTTP)",
        defaultPort: 5055, transports: [.http],
        options: [speed],
        commandTypes: [],
        simulator: { OsmAndDevice(host: $0) }
    )

    /// The descriptor, for code holding any codec.
    public var descriptor: ProtocolDescriptor { Self.descriptor }

    /// `Speed`: the unit of the query's `speed` (default kn).
    static let speed = CodecOption("Speed", .choice(["kn", "kmh", "mps", "mph"]), "The unit of the query's `speed` (default kn).")
}
