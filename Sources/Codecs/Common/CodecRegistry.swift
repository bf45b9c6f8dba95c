/// The codecs Trackwire speaks. Everything else that lists protocols (the gateway's default
/// listeners, `tw sim`, `tw decode`, the deploy files and the docs' tables) is derived from this
/// list and the descriptors; `CodecRegistryTests` fails when a protocol folder is missing here.
public enum CodecRegistry {
    /// Every codec, keyed by `DeviceCodec.name`.
    public static let all: [String: any DeviceCodec] = Dictionary(
        uniqueKeysWithValues: codecs.map { ($0.name, $0) }
    )

    /// Every protocol's descriptor, in the order of their default ports.
    public static let descriptors: [ProtocolDescriptor] = codecs.map(\.descriptor).sorted { $0.defaultPort < $1.defaultPort }

    /// The codec for a protocol name, if Trackwire speaks it.
    public static func codec(named name: String) -> (any DeviceCodec)? { all[name] }

    /// The descriptor of a protocol, if Trackwire speaks it.
    public static func descriptor(named name: String) -> ProtocolDescriptor? { all[name]?.descriptor }

    /// One line per protocol folder under Sources/Codecs: adding a protocol adds its codec here.
    private static let codecs: [any DeviceCodec] = [
        GT06Codec(),
        TeltonikaCodec(),
        OsmAndCodec(),
        MeitrackCodec(),
        SuntechCodec(),
        WatchCodec(),
        H02Codec(),
        GPS103Codec(),
        TK103Codec(),
        GL200Codec(),
        JT808Codec(),
        TopinCodec(),
        WialonCodec(),
        RuptelaCodec(),
        GalileoCodec(),
    ]
}
