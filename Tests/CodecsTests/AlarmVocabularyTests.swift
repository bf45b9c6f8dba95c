import Codecs
import Testing
import TrackwireProtocol

/// The one alarm vocabulary (docs/events.md, "Alarms"): Traccar's names, which every codec emits,
/// and their synonyms map onto it; the event carries it, the codec's name beside it.
@Suite struct AlarmVocabularyTests {
    /// Every `Position.ALARM_*` name of Traccar, with what it must become.
    static let traccar: [String: Alarm] = [
        "general": .general, "sos": .sos, "vibration": .vibration, "movement": .movement, "lowspeed": .lowSpeed,
        "overspeed": .overspeed, "fallDown": .fall, "lowPower": .lowPower, "lowBattery": .lowBattery, "fault": .fault,
        "powerOff": .powerOff, "powerOn": .powerOn, "door": .door, "lock": .lock, "unlock": .unlock, "geofence": .geofence,
        "geofenceEnter": .geofenceEnter, "geofenceExit": .geofenceExit, "gpsAntennaCut": .gpsAntennaCut, "accident": .accident,
        "tow": .tow, "idle": .idle, "highRpm": .highRpm, "hardAcceleration": .hardAcceleration, "hardBraking": .hardBraking,
        "hardCornering": .hardCornering, "laneChange": .laneChange, "fatigueDriving": .fatigueDriving, "powerCut": .powerCut,
        "powerRestored": .powerRestored, "jamming": .jamming, "temperature": .temperature, "parking": .parking,
        "bonnet": .bonnet, "footBrake": .footBrake, "fuelLeak": .fuelLeak, "tampering": .tamper, "removing": .removing,
    ]

    @Test func everyTraccarAlarmName_mapsOntoTheVocabulary() {
        for (name, alarm) in Self.traccar { #expect(Alarm(deviceName: name) == alarm, "\(name)") }
    }

    @Test func theVocabularysOwnNamesAndSynonyms_mapOntoThemselves_andOtherNamesOntoNothing() {
        for alarm in Alarm.allCases { #expect(Alarm(deviceName: alarm.rawValue) == alarm) }
        #expect(Alarm(deviceName: "crash") == .accident && Alarm(deviceName: "shock") == .vibration && Alarm(deviceName: "cornering") == .hardCornering)
        #expect(Alarm(deviceName: "unheard-of") == nil && Alarm(deviceName: "") == nil && Alarm(deviceName: "SOS") == nil)
        #expect(Alarm.allCases.allSatisfy { $0.rawValue == $0.rawValue.lowercased() && !$0.rawValue.contains(" ") }, "snake_case")
    }

    @Test func anAlarmEvent_carriesTheNormalisedName_theCodecsName_andAnIdFromTheCodecsName() {
        let position = Position.with { $0.deviceID = "dev"; $0.fixTimeMs = 1000; $0.attributes["alarm"] = .string("powerCut") }
        let event = DeviceEvents.alarm("powerCut", position: position)
        #expect(event.kind == .alarm && event.id == "dev-alarm-1000-powerCut")
        #expect(event.attributes["alarm"] == .string("power_cut") && event.attributes["device_alarm"] == .string("powerCut"))
        #expect(event.position.attributes["alarm"] == .string("powerCut"), "the position keeps Traccar's name")
        #expect(DeviceEvents.alarm("unheard-of", position: position).attributes["alarm"] == .string("general"))
    }
}
