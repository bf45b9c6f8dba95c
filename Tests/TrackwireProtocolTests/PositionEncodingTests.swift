import Foundation
import SwiftProtobuf
import Testing
import TrackwireProtocol

/// The hand-written position and event encoders against swift-protobuf's, byte for byte.
@Suite struct PositionEncodingTests {
    /// Random field values from a seeded `SplitMix`, so a failure repeats.
    struct Random {
        private var source: SplitMix
        init(state: UInt64) { source = SplitMix(seed: state) }
        mutating func next() -> UInt64 { source.next() }
        mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
        mutating func double() -> Double {
            switch next() % 6 {
            case 0: return 0
            case 1: return -0.0
            case 2: return Double(bitPattern: next())
            default: return (Double(next() % 2_000_000) - 1_000_000) / 7.3
            }
        }
        mutating func int64() -> Int64 { chance(20) ? 0 : Int64(bitPattern: next()) >> (next() % 63) }
        mutating func text() -> String {
            let alphabet = Array("abcXYZ_09 éü€😀")
            return String((0..<Int(next() % 12)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
        }
        mutating func value() -> AttributeValue {
            switch next() % 5 {
            case 0: return .bool(chance(50))
            case 1: return .int(int64())
            case 2: return .double(double())
            case 3: return .with { $0.stringValue = text() }
            default: return AttributeValue()
            }
        }
    }

    static func position(_ random: inout Random) -> Position {
        var position = Position()
        if random.chance(90) { position.deviceID = random.text() }
        if random.chance(90) { position.protocol = random.text() }
        position.fixTimeMs = random.int64()
        position.deviceTimeMs = random.int64()
        position.serverTimeNs = random.int64()
        position.latitude = random.double()
        position.longitude = random.double()
        position.altitudeM = random.double()
        position.speedKmh = random.double()
        position.courseDeg = random.double()
        position.satellites = random.chance(30) ? 0 : UInt32(truncatingIfNeeded: random.next())
        position.hdop = random.double()
        position.valid = random.chance(50)
        for _ in 0..<Int(random.next() % 20) { position.attributes[random.text()] = random.value() }
        if random.chance(80) {
            position.frame = .with {
                if random.chance(70) { $0.gatewayID = random.text() }
                $0.sessionID = random.chance(20) ? 0 : random.next()
                $0.sequence = random.chance(20) ? 0 : random.next() >> (random.next() % 64)
            }
        }
        return position
    }

    @Test func encodedBytes_equalSwiftProtobufs_forTenThousandVariedPositions() throws {
        var random = Random(state: 42)
        for index in 0..<10_000 {
            let position = Self.position(&random)
            let expected: [UInt8] = try position.serializedBytes()
            #expect(position.encodedBytes() == expected, "position \(index): \(position)")
        }
    }

    static func event(_ random: inout Random) -> Event {
        var event = Event()
        if random.chance(80) { event.id = random.text() }
        if random.chance(90) { event.deviceID = random.text() }
        // Known kinds, and numbers this build does not know (kept as `UNRECOGNIZED`), negative included.
        event.kind = random.chance(80)
            ? Trackwire_V1_EventKind.allCases[Int(random.next() % UInt64(Trackwire_V1_EventKind.allCases.count))]
            : Trackwire_V1_EventKind(rawValue: Int(Int32(truncatingIfNeeded: random.next()))) ?? .unspecified
        event.timeMs = random.int64()
        if random.chance(40) { event.geofenceID = random.text() }
        if random.chance(70) { event.position = position(&random) }
        for _ in 0..<Int(random.next() % 6) { event.attributes[random.text()] = random.value() }
        if random.chance(90) { event.source = random.text() }
        return event
    }

    @Test func eventEncodedBytes_equalSwiftProtobufs_forTenThousandVariedEvents() throws {
        var random = Random(state: 7)
        for index in 0..<10_000 {
            let event = Self.event(&random)
            let expected: [UInt8] = try event.serializedBytes()
            #expect(event.encodedBytes() == expected, "event \(index): \(event)")
        }
    }

    @Test func eventEncodedBytes_keepUnknownFields() throws {
        var event = Event.with { $0.deviceID = "d"; $0.kind = .alarm; $0.position = .with { $0.deviceID = "d" } }
        try event.merge(serializedBytes: [0x98, 0x06, 0x07])
        #expect(!event.unknownFields.data.isEmpty)
        #expect(event.encodedBytes() == (try event.serializedBytes()))
        #expect(try Event(serializedBytes: event.encodedBytes()) == event)
    }

    @Test func encodedBytes_keepUnknownFields_ofThePositionAndItsParts() throws {
        // Field 99 (varint) at every level: a reader that knows more fields than this build.
        let unknown: [UInt8] = [0x98, 0x06, 0x07]
        var frame = FrameRef.with { $0.sequence = 3 }
        try frame.merge(serializedBytes: unknown)
        var value = AttributeValue.int(5)
        try value.merge(serializedBytes: unknown)
        var position = Position.with { $0.deviceID = "d"; $0.frame = frame; $0.attributes = ["io": value] }
        try position.merge(serializedBytes: unknown)
        #expect(!position.unknownFields.data.isEmpty)
        #expect(position.encodedBytes() == (try position.serializedBytes()))
        #expect(try Position(serializedBytes: position.encodedBytes()) == position)
    }
}
