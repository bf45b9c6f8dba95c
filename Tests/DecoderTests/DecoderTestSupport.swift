import Codecs
import Foundation
import TestSupport
import TrackwireProtocol

/// Real captures, picked by what their notes say, and frames made from them as a gateway would.
enum Sample {
    /// The IMEI every session-bound test frame is sent under.
    static let imei = "864717003283581"
    /// The gateway, session and receive time stamped on test frames.
    static let gateway = "gw-test"
    static let session: UInt64 = 42
    static let receivedAtNs: Int64 = 1_750_000_000_123_456_789

    /// Captures that are device frames (not framer chunks, not downlink commands).
    static func frames(_ protocolName: String) -> [Capture] {
        Captures.of(protocolName).filter { !$0.isFramerTest && !$0.isDownlink }
    }

    /// The first frame of a protocol whose note asks for `check`.
    static func first(_ protocolName: String, _ check: CaptureExpectation.Check) -> Capture {
        guard let capture = frames(protocolName).first(where: { $0.expectation.check == check }) else {
            fatalError("no \(protocolName) capture with \(check) in \(Captures.fileURL.path)")
        }
        return capture
    }

    /// A GT06 location fix.
    static var gt06Position: Capture { first("gt06", .position) }
    /// A GT06 alarm the codec turns into a position and an `alarm` event.
    static var gt06Alarm: Capture { first("gt06", .attribute(key: "alarm", value: .string("tampering"))) }
    /// A GT06 login (IMEI) frame.
    static var gt06Login: Capture { first("gt06", .null) }
    /// A Teltonika TCP AVL packet with several records.
    static var teltonikaPacket: Capture {
        frames("teltonika").first { $0.transport == "tcp" && $0.expectation.check == .positions(located: true) }!
    }
    /// An OsmAnd request, which names its own device.
    static var osmAnd: Capture { frames("osmand")[0] }

    /// A frame as the gateway pushes it: `capture`'s bytes under `device` (empty: unidentified).
    static func frame(_ capture: Capture, device: String = imei, sequence: UInt64 = 1) -> Frame {
        Frame.with {
            $0.gatewayID = gateway
            $0.sessionID = session
            $0.sequence = sequence
            $0.deviceID = device
            $0.protocol = capture.protocol
            $0.transport = transport(capture.transport)
            $0.remoteAddress = "192.0.2.7:40000"
            $0.receivedAtNs = receivedAtNs
            $0.payload = Data(capture.bytes)
            $0.options = capture.expectation.decoderOptions
        }
    }

    /// A frame of `protocolName` whose payload no codec can read.
    static func garbage(_ protocolName: String = "gt06", sequence: UInt64 = 1) -> Frame {
        Frame.with {
            $0.gatewayID = gateway
            $0.sessionID = session
            $0.sequence = sequence
            $0.deviceID = imei
            $0.protocol = protocolName
            $0.transport = .tcp
            $0.receivedAtNs = receivedAtNs
            $0.payload = Data([0x78, 0x78, 0x05, 0xFF, 0x00])
        }
    }

    private static func transport(_ name: String) -> Transport {
        switch name {
        case "udp": .udp
        case "http": .http
        default: .tcp
        }
    }
}
