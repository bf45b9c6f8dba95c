import CZeroMQ

/// Z85 checks and conversions for CURVE keys (libzmq's `zmq_z85_*` and `zmq_curve_public`).
public enum CurveKeys {
    /// Whether `key` is 40 characters of Z85 that decode to a 32-byte key.
    public static func isValid(_ key: String) -> Bool {
        decode(key) != nil
    }

    /// The 32 bytes of a 40-character Z85 key; `nil` if it is not one.
    public static func decode(_ key: String) -> [UInt8]? {
        guard key.utf8.count == 40 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 32)
        let ok = key.withCString { zmq_z85_decode(&bytes, $0) != nil }
        return ok ? bytes : nil
    }

    /// The 40-character Z85 text of a 32-byte key.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count == 32 else { return nil }
        var text = [CChar](repeating: 0, count: 41)
        guard zmq_z85_encode(&text, bytes, 32) != nil else { return nil }
        return String(decoding: text.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The public key that belongs to a Z85 secret key; `nil` if the secret is not a key.
    public static func publicKey(forSecret secret: String) -> String? {
        guard isValid(secret) else { return nil }
        var text = [CChar](repeating: 0, count: 41)
        let rc = secret.withCString { zmq_curve_public(&text, $0) }
        guard rc == 0 else { return nil }
        return String(decoding: text.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
