/// What a JT808 listener's options change in decoding (docs/protocols/jt808.md): the device model,
/// which some fields and alarm bits depend on, and the terminals' clock offset.
struct JT808Settings {
    /// `ModelOverride`, when set.
    let model: String?
    /// Minutes east of UTC of the terminals' clock: GMT+8 unless `TimeZoneOffset` says otherwise.
    let offsetMinutes: Int

    /// The settings of a listener's options.
    init(options: [String: String]) {
        model = JT808Codec.modelOverride.text(in: options)
        offsetMinutes = JT808Codec.timeZoneOffset.integer(in: options) ?? 480
    }

    /// AOVX trackers (AL300, GL100) lay out some fields differently.
    var isAovx: Bool { model == "AL300" || model == "GL100" }
    /// Jimi trackers (JC371, JC181, ...) carry their own 0xE8 block.
    var isJimi: Bool { model.map(Self.jimiModels.contains) ?? false }
    /// Padlocks (G-360P, G-508P) use their own alarm bits.
    var isPadlock: Bool { model == "G-360P" || model == "G-508P" }
    /// MV710G / MV810G report a door in status and 0x57 bits.
    var reportsDoor: Bool { model == "MV810G" || model == "MV710G" }

    private static let jimiModels: Set<String> = ["JC371", "JC181", "JC182", "JC450", "JC451"]
}
