import SwiftProtobuf
import TrackwireProtocol

extension Position {
    /// What tells records of one device with the same fix time apart, so that idempotency keeps a
    /// device's resends out and distinct records in (an alarm and a periodic report in the same
    /// second; GT06 stamps whole seconds). A 64-bit FNV-1a hash of the deterministic encoding of
    /// everything the device reported, leaving out what the pipeline added: the server receive
    /// time, the frame reference and the `checksum_ok` mark. A resent frame decodes to the same
    /// fingerprint.
    public var fingerprint: Int64 {
        var reported = self
        reported.serverTimeNs = 0
        reported.clearFrame()
        if reported.attributes[Self.pipelineAttribute] != nil { reported.attributes[Self.pipelineAttribute] = nil }
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        let bytes: [UInt8] = (try? reported.serializedBytes(options: options)) ?? []
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

    /// The attribute the decoder adds (not the device), so not part of the fingerprint.
    private static let pipelineAttribute = "checksum_ok"
}
