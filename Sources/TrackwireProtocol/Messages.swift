import Foundation
import SwiftProtobuf

/// A device frame as cut from the wire by the gateway (`raw.*`).
public typealias Frame = Trackwire_V1_Frame
/// A normalised position fix (`pos.*`).
public typealias Position = Trackwire_V1_Position
/// A device or geofence event (`evt.*`).
public typealias Event = Trackwire_V1_Event
/// What happened, in an `Event`.
public typealias EventKind = Trackwire_V1_EventKind
/// A device session coming or going (`ses.*`).
public typealias Session = Trackwire_V1_Session
/// Online or offline, in a `Session`.
public typealias SessionState = Trackwire_V1_SessionState
/// A downlink command (`cmd.*`).
public typealias Command = Trackwire_V1_Command
/// Storage's durable acknowledgement of a frame (`ack.*`).
public typealias Ack = Trackwire_V1_Ack
/// A geofence definition.
public typealias Geofence = Trackwire_V1_Geofence
/// A change to the geofence set (`cfg.geofence`).
public typealias GeofenceChange = Trackwire_V1_GeofenceChange
/// A process's liveness report (`hb.*`).
public typealias Heartbeat = Trackwire_V1_Heartbeat
/// An input a stage refused (`err.*`).
public typealias Reject = Trackwire_V1_Reject
/// A typed attribute value.
public typealias AttributeValue = Trackwire_V1_Value
/// How a device reached the gateway.
public typealias Transport = Trackwire_V1_Transport
/// Reference from a derived message back to its device frame.
public typealias FrameRef = Trackwire_V1_FrameRef

extension AttributeValue {
    /// A boolean attribute.
    @inlinable public static func bool(_ value: Bool) -> Self { .with { $0.boolValue = value } }
    /// An integer attribute.
    @inlinable public static func int(_ value: Int64) -> Self { .with { $0.intValue = value } }
    /// An integer attribute from any integer type.
    @inlinable public static func int<T: BinaryInteger>(_ value: T) -> Self { .with { $0.intValue = Int64(value) } }
    /// A floating-point attribute.
    @inlinable public static func double(_ value: Double) -> Self { .with { $0.doubleValue = value } }
    /// A text attribute.
    @inlinable public static func string(_ value: String) -> Self { .with { $0.stringValue = value } }

    /// The value as a double when it is numeric (int or double), for comparisons in tests and rules.
    public var numericValue: Double? {
        switch kind {
        case .intValue(let v): Double(v)
        case .doubleValue(let v): v
        default: nil
        }
    }
}

extension Transport {
    /// The lowercase name used in configuration and topics: tcp, udp, http.
    public var name: String {
        switch self {
        case .tcp: "tcp"
        case .udp: "udp"
        case .http: "http"
        default: "unspecified"
        }
    }
}

extension Reject {
    /// The record a stage publishes on `err.<stage>` for an input it refused, keeping the input.
    public init(stage: String, instance: String, errorType: String, reason: String, topic: String, body: [UInt8], timeMs: Int64) {
        self.init()
        self.stage = stage
        self.instance = instance
        self.reason = reason
        self.errorType = errorType
        self.topic = topic
        self.body = Data(body)
        self.timeMs = timeMs
    }
}
