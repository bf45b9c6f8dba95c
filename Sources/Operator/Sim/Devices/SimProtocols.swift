import Codecs
import TrackwireProtocol

/// The protocols `tw sim` speaks: every registered codec whose descriptor has a simulated device.
public enum SimProtocols {
    /// Every protocol name, in the order of the gateway's default ports.
    public static let names = CodecRegistry.descriptors.filter { $0.simulator != nil }.map(\.name)

    /// The device side of `name`; `host` is what HTTP protocols put in their `Host` header.
    public static func named(_ name: String, host: String = "127.0.0.1") -> (any SimulatedProtocol)? {
        CodecRegistry.descriptor(named: name)?.simulator?(host)
    }

    /// The gateway's default listening port for `name` (its TCP or HTTP listener).
    public static func defaultPort(_ name: String) -> Int? {
        CodecRegistry.descriptor(named: name).flatMap { $0.transports.contains { $0 != .udp } ? $0.defaultPort : nil }
    }
}
