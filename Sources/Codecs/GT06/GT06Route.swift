/// Which handler a GT06 frame goes to, decided from the header, variant and model alone. Both
/// `examine` (for the reply) and `decode` use it, so the two can never disagree about a frame.
enum GT06Route: Equatable {
    case login, heartbeat, addressRequest, timeRequest, photoInfo
    case x1Gps, sr411, iButton, gpsCell, az735, location, vlStatus
    case wifi, cellList, multiCell
    case powerInfo, info, statusReport, steps
    case commandText, commandInfo, serialData, obd, modular, peripheral
    case eventAlarm
    case unsupported

    init(_ frame: GT06Frame, variant: GT06Variant, model: GT06Model) {
        self = Self.early(frame, variant, model) ?? Self.late(frame, variant, model)
    }

    /// Types Traccar checks before its generic GPS/LBS/status path.
    private static func early(_ frame: GT06Frame, _ variant: GT06Variant, _ model: GT06Model) -> GT06Route? {
        let extended = frame.extended
        switch frame.type {
        case 0x01: return .login
        case 0x23: return .heartbeat
        case 0x2A: return .addressRequest
        case 0x8A: return .timeRequest
        case 0x34 where variant != .sl4x: return .x1Gps
        case 0x35: return .photoInfo
        case 0x17 where variant != .rfid, 0x69, 0xF3: return .wifi
        case 0x94: return extended ? .info : .powerInfo
        case 0x24 where variant == .sr411Mini: return .sr411
        case 0x28, 0x2E, 0x24, 0x18, 0x2C, 0xA1, 0x34, 0xA9: return .cellList
        case 0xA2 where variant != .lw4g: return .cellList
        case 0x33 where !extended: return .cellList
        case 0x15: return .commandText
        case 0x13 where frame.bytes.count - frame.contentStart == 22: return .statusReport
        case 0x61: return .iButton
        case 0xA3 where variant == .stepStatus: return .steps
        case 0x36 where !extended && model.isVL: return .vlStatus
        case 0x19 where variant == .space10x: return .multiCell
        default: return nil
        }
    }

    private static func late(_ frame: GT06Frame, _ variant: GT06Variant, _ model: GT06Model) -> GT06Route {
        let type = frame.type
        let layout = GT06Layout(type: type, variant: variant, model: model)
        if layout.isLocation && !(frame.extended && (type == 0x32 || type == 0x36)) { return .location }
        switch type {
        case 0x95: return .eventAlarm
        case 0x21: return .commandInfo
        case 0x32, 0x33: return .az735
        case 0x8C: return .obd
        case 0x70: return .modular
        case 0x9B: return .serialData
        case 0xF1, 0xF2: return .peripheral
        case 0x38: return .gpsCell
        default: return .unsupported
        }
    }
}

/// Which blocks a message of the generic GPS/LBS/status family carries (Traccar's hasGps/hasLbs/hasStatus).
struct GT06Layout {
    let hasGps: Bool
    let hasLbs: Bool
    let hasStatus: Bool

    private static let gpsTypes: Set<UInt8> = [0x10, 0x12, 0x22, 0x25, 0x37, 0x2D, 0x31, 0x11, 0x16, 0x26, 0x27,
                                                0x32, 0xA2, 0x1A, 0x1E, 0xA0, 0x17, 0xA4, 0x39]
    private static let lbsTypes: Set<UInt8> = [0x19, 0x12, 0x22, 0x25, 0x37, 0x2D, 0x31, 0x11, 0x16, 0x26, 0x27,
                                                0x32, 0xA2, 0xA0, 0x17, 0xA4, 0x39, 0xA5, 0xA7]
    private static let statusTypes: Set<UInt8> = [0x13, 0x36, 0x19, 0x16, 0x26, 0x27, 0x32, 0xA2, 0xA4, 0x39, 0xA5]

    init(type: UInt8, variant: GT06Variant, model: GT06Model) {
        // 0xA3 is a single-geofence GPS message, except on SEEWORLD where it is a status message.
        let fence = type == 0xA3 && variant != .seeworld
        hasGps = fence || Self.gpsTypes.contains(type)
        hasLbs = fence || Self.lbsTypes.contains(type)
        hasStatus = Self.statusTypes.contains(type)
            || (type == 0xA3 && variant == .seeworld)
            || ((type == 0x22 || type == 0x25) && model.isNT)
    }

    var isLocation: Bool { hasGps || hasLbs || hasStatus }
}
