/// The codecs Trackwire speaks, by name. Adding a protocol means adding it here.
public enum CodecRegistry {
    /// Every codec, keyed by `DeviceCodec.name`.
    public static let all: [String: any DeviceCodec] = Dictionary(
        uniqueKeysWithValues: codecs.map { ($0.name, $0) }
    )

    /// The codec for a protocol name, if Trackwire speaks it.
    public static func codec(named name: String) -> (any DeviceCodec)? { all[name] }

    private static var codecs: [any DeviceCodec] {
        [
            // Each protocol's codec is listed here as it lands.
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
        ]
    }
}
