/// The checksums device protocols use. Each is checked against its standard check value in tests.
public enum Checksums {
    /// CRC-16/X-25 (CRC-ITU in Concox documents): poly 0x1021 reflected, init 0xFFFF, xorout 0xFFFF.
    /// Check value for "123456789": 0x906E.
    public static func crc16X25(_ bytes: some Sequence<UInt8>) -> UInt16 {
        ~reflectedCRC16(bytes, polynomial: 0x8408, initial: 0xFFFF)
    }

    /// CRC-16/IBM (ARC) as Teltonika and Wialon IPS use it: poly 0x8005 reflected, init 0, no xorout.
    /// Check value for "123456789": 0xBB3D.
    public static func crc16IBM(_ bytes: some Sequence<UInt8>) -> UInt16 {
        reflectedCRC16(bytes, polynomial: 0xA001, initial: 0)
    }

    /// CRC-16/KERMIT as Ruptela uses it: poly 0x1021 reflected, init 0, no xorout, sent as the
    /// value's big-endian bytes. Check value for "123456789": 0x2189.
    public static func crc16Kermit(_ bytes: some Sequence<UInt8>) -> UInt16 {
        reflectedCRC16(bytes, polynomial: 0x8408, initial: 0)
    }

    /// CRC-16/MODBUS as Galileosky uses it: poly 0x8005 reflected, init 0xFFFF, no xorout.
    /// Check value for "123456789": 0x4B37.
    public static func crc16Modbus(_ bytes: some Sequence<UInt8>) -> UInt16 {
        reflectedCRC16(bytes, polynomial: 0xA001, initial: 0xFFFF)
    }

    /// XOR of all bytes.
    public static func xor(_ bytes: some Sequence<UInt8>) -> UInt8 { bytes.reduce(0, ^) }

    /// Sum of all bytes modulo 256.
    public static func sum8(_ bytes: some Sequence<UInt8>) -> UInt8 { bytes.reduce(0, &+) }

    /// A reflected (LSB-first) CRC-16 with the reversed `polynomial`, before any final XOR.
    private static func reflectedCRC16(_ bytes: some Sequence<UInt8>, polynomial: UInt16, initial: UInt16) -> UInt16 {
        var crc = initial
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ polynomial : crc >> 1 }
        }
        return crc
    }
}
