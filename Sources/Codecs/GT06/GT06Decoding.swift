/// Everything a GT06 message handler needs to know about the frame in hand.
struct GT06Decoding {
    let frame: GT06Frame
    let variant: GT06Variant
    let model: GT06Model

    var type: UInt8 { frame.type }

    /// NT-family models put a source type, the IMEI and a device time before the GPS block of
    /// 0x22/0x25 messages, and a status block after it.
    var isNTLocation: Bool { (type == 0x22 || type == 0x25) && model.isNT }
}
