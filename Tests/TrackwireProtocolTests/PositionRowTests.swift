import Foundation
import SwiftProtobuf
import Testing
import TrackwireProtocol

/// Storage's view of an encoded position against the decoded position it stands for.
@Suite struct PositionRowTests {
    @Test func row_readsTheColumns_andTheFingerprintOfDecoding_forTenThousandVariedPositions() throws {
        var random = PositionEncodingTests.Random(state: 7)
        for index in 0..<10_000 {
            var position = PositionEncodingTests.position(&random)
            if random.chance(30) { position.attributes["checksum_ok"] = .bool(false) }
            let row = PositionRow(position)
            #expect(row.fingerprint == position.fingerprint, "position \(index)")
            #expect(row.deviceID == position.deviceID && row.protocolName == position.protocol && row.fixTimeMs == position.fixTimeMs)
            #expect(row.serverTimeNs == position.serverTimeNs && row.valid == position.valid)
            #expect(row.latitude.bitPattern == position.latitude.bitPattern && row.speedKmh.bitPattern == position.speedKmh.bitPattern)
            #expect(try row.position().fingerprint == position.fingerprint, "the body decodes to the same position (NaNs make == useless)")
        }
    }

    @Test func fingerprint_doesNotDependOnHowTheMapWasOrderedOnTheWire() throws {
        // Two decoder processes iterate the same dictionary in different orders (per-process hash
        // seeds); a resend decoded by the other one must still be a duplicate.
        let head = Position.with { $0.deviceID = "d"; $0.fixTimeMs = 5 }
        let values: [String: AttributeValue] = ["a": .int(1), "b": .bool(true), "c": .double(2.5), "d": .with { $0.stringValue = "x" }]
        let entries = values.keys.sorted().map { key -> [UInt8] in
            var single = head
            single.attributes = [key: values[key]!]
            return Array(single.encodedBytes().dropFirst(head.encodedBytes().count))
        }
        let forward = head.encodedBytes() + entries.flatMap { $0 }
        let backward = head.encodedBytes() + entries.reversed().flatMap { $0 }
        #expect(forward != backward)
        var position = head
        position.attributes = values
        #expect(try PositionRow(encoded: forward).fingerprint == position.fingerprint)
        #expect(try PositionRow(encoded: backward).fingerprint == position.fingerprint)
    }

    @Test func malformedBytes_areRefused_neverCrash() {
        var random = PositionEncodingTests.Random(state: 9)
        for _ in 0..<20_000 {
            var bytes = PositionEncodingTests.position(&random).encodedBytes()
            if !bytes.isEmpty {
                bytes[Int(random.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: random.next() | 1)
                if random.chance(30) { bytes.removeLast(Int(random.next() % UInt64(bytes.count))) }
            }
            // Either a row, or an error; and a row agrees with what swift-protobuf decodes.
            if let row = try? PositionRow(encoded: bytes), let decoded = try? Position(serializedBytes: bytes) {
                #expect(row.deviceID == decoded.deviceID && row.fixTimeMs == decoded.fixTimeMs)
            }
        }
        #expect(throws: PositionRowError.self) { try PositionRow(encoded: [0x0A, 0x05, 0x41]) }
        #expect(throws: PositionRowError.self) { try PositionRow(encoded: [0x18]) }
    }
}
