import SwiftProtobuf

extension Position {
    /// What tells records of one device with the same fix time apart, so that idempotency keeps a
    /// device's resends out and distinct records in (an alarm and a periodic report in the same
    /// second; GT06 stamps whole seconds). A 64-bit FNV-1a hash of the deterministic encoding of
    /// everything the device reported, leaving out what the pipeline added: the server receive
    /// time, the frame reference and the `checksum_ok` mark. A resent frame decodes to the same
    /// fingerprint. Storage reads it off the encoded bytes (`PositionRow`), without decoding.
    public var fingerprint: Int64 {
        var reported = self
        reported.serverTimeNs = 0
        reported.clearFrame()
        if reported.attributes[Self.pipelineAttribute] != nil { reported.attributes[Self.pipelineAttribute] = nil }
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        var hash = FNV1a64()
        hash.add((try? reported.serializedBytes(options: options)) ?? [UInt8]())
        return Int64(bitPattern: hash.value)
    }

    /// The attribute the decoder adds (not the device), so not part of the fingerprint.
    private static let pipelineAttribute = "checksum_ok"
}
