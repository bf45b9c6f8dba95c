/// Meiligao command words (docs/protocols/meiligao.md), uplink and downlink.
enum MeiligaoCommand {
    static let heartbeat: UInt16 = 0x0001
    static let server: UInt16 = 0x0002
    static let login: UInt16 = 0x5000
    static let loginResponse: UInt16 = 0x4000
    static let position: UInt16 = 0x9955
    static let positionLogged: UInt16 = 0x9016
    static let alarm: UInt16 = 0x9999
    static let rfid: UInt16 = 0x9966
    static let retransmission: UInt16 = 0x6688
    static let obdRealTime: UInt16 = 0x9901
    static let obdRealTimeTotals: UInt16 = 0x9902
    static let obdTroubleCodes: UInt16 = 0x9903
    static let uploadPhoto: UInt16 = 0x0800
    static let uploadPhotoResponse: UInt16 = 0x8801
    static let photoData: UInt16 = 0x9988
    static let uploadComplete: UInt16 = 0x0F80

    static let trackOnDemand: UInt16 = 0x4101
    static let trackByInterval: UInt16 = 0x4102
    static let movementAlarm: UInt16 = 0x4106
    static let outputControlFive: UInt16 = 0x4114
    static let outputControl: UInt16 = 0x4115
    static let timeZone: UInt16 = 0x4132
    static let takePhoto: UInt16 = 0x4151
    static let rebootGPS: UInt16 = 0x4902

    /// Commands that only keep the link up or move photos: they carry nothing to store.
    static let linkOnly: Set<UInt16> = [heartbeat, server, login, uploadPhoto, uploadComplete, photoData]
}
