import Codecs
import TrackwireProtocol

/// The protocols `tw sim` speaks: every registered codec whose descriptor has a simulated device.
/// A `--protocols` entry is a protocol name, for its device as the descriptor makes it, or
/// `name/udp` / `name/tcp` for that device over the other transport, where it speaks it.
public enum SimProtocols {
    /// Every protocol name, in the order of the gateway's default ports.
    public static let names = CodecRegistry.descriptors.filter { $0.simulator != nil }.map(\.name)

    /// The entries that choose UDP for a device that speaks TCP by default (`teltonika/udp`).
    public static let udpEntries = names.filter { named($0)?.transport != .udp && named($0)?.over(.udp) != nil }.map { $0 + "/udp" }

    /// The device side of an entry; `host` is what HTTP protocols put in their `Host` header.
    public static func named(_ entry: String, host: String = "127.0.0.1") -> (any SimulatedProtocol)? {
        let (name, transport) = split(entry)
        guard let device = CodecRegistry.descriptor(named: name)?.simulator?(host) else { return nil }
        guard let transport else { return entry.contains("/") ? nil : device }
        return device.over(transport)
    }

    /// Whether the gateway acknowledges an entry's positions by a reply; the others count as
    /// acknowledged once written.
    public static func acksPositions(_ entry: String) -> Bool {
        let probe = SimFix(latitude: 0, longitude: 0, speedKmh: 0, courseDeg: 0, timeMs: 0, ignition: false)
        return named(entry)?.position(probe, imei: "0", sequence: 0).ack != nil
    }

    /// The gateway's default listening port for an entry's protocol (every transport listens on it).
    public static func defaultPort(_ entry: String) -> Int? {
        CodecRegistry.descriptor(named: split(entry).name)?.defaultPort
    }

    /// `teltonika/udp` → (`teltonika`, `.udp`); a bare name has no transport.
    static func split(_ entry: String) -> (name: String, transport: Transport?) {
        let parts = entry.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return (entry, nil) }
        let transports: [Substring: Transport] = ["udp": .udp, "tcp": .tcp]
        return (String(parts[0]), transports[parts[1]])
    }
}
