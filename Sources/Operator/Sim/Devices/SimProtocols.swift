import Gateway
import TrackwireProtocol

/// The protocols `tw sim` speaks, by name, with the gateway's default port for each.
public enum SimProtocols {
    /// Every protocol name, in the gateway's order of ports.
    public static let names = ["gt06", "teltonika", "osmand", "h02", "gps103", "tk103", "gl200", "meitrack", "suntech", "watch"]

    /// The device side of `name`; `host` is what HTTP protocols put in their `Host` header.
    public static func named(_ name: String, host: String = "127.0.0.1") -> (any SimulatedProtocol)? {
        switch name {
        case "gt06": GT06Device()
        case "teltonika": TeltonikaDevice()
        case "osmand": OsmAndDevice(host: host)
        case "h02": H02Device()
        case "gps103": GPS103Device()
        case "tk103": TK103Device()
        case "gl200": GL200Device()
        case "meitrack": MeitrackDevice()
        case "suntech": SuntechDevice()
        case "watch": WatchDevice()
        default: nil
        }
    }

    /// The gateway's default listening port for `name` (its TCP or HTTP listener).
    public static func defaultPort(_ name: String) -> Int? {
        ListenerSpec.defaults.first { $0.protocolName == name && $0.transport != .udp }?.port
    }
}
