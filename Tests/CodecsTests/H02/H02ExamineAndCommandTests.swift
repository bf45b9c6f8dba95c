import Testing
import Codecs
import TestSupport
import TrackwireProtocol

@Suite struct H02ExamineAndCommandTests {
    let codec = H02Codec()

    @Test func v1Reply_isStampedWithTheDevicesOwnTime() {
        let frame = Array("*HQ,4106012736,V1,224434,A,1827.3855,N,06705.7577,W,000.00,000,100117,FFFFFBFF#".utf8)
        let examination = codec.examine(frame, context: SessionContext())
        #expect(examination.deviceId == "4106012736")
        #expect(examination.reply == Array("*HQ,4106012736,V4,V1,20170110224434#".utf8))
    }

    @Test func binaryReport_isAnsweredOnlyWithTheAckOption() {
        let frame = Hex.decode("2441060116601245431311165035313006004318210e000000fffffbffff0024")!
        #expect(codec.examine(frame, context: SessionContext()).reply == nil)
        let acked = codec.examine(frame, context: SessionContext(options: ["ack": "true"]))
        #expect(acked.deviceId == "4106011660")
        #expect(acked.reply == Array("*HQ,4106011660,R12,124543#".utf8))
    }

    @Test(arguments: [
        ("alarm_arm", "*HQ,123456789012345,SCF,010203,0,0#"), ("alarm_disarm", "*HQ,123456789012345,SCF,010203,1,1#"),
        ("engine_stop", "*HQ,123456789012345,S20,010203,1,1#"), ("engine_resume", "*HQ,123456789012345,S20,010203,1,0#"),
    ])
    func command_carriesTheCreationTimeOfDay(_ type: String, _ expected: String) throws {
        #expect(try encode(type) == expected)
    }

    @Test func periodicPosition_usesS71_orD1WithTheAlternativeOption() throws {
        #expect(try encode("position_periodic", params: ["frequency": "30"]) == "*HQ,123456789012345,S71,010203,22,30#")
        #expect(try encode("position_periodic", params: ["frequency": "30"], options: ["alternative": "true"])
            == "*HQ,123456789012345,D1,010203,30#")
        #expect(throws: CommandError.self) { try encode("position_periodic") }
    }

    @Test func customCommand_isSentVerbatim_andUnknownTypesAreRefused() throws {
        var command = Command()
        command.type = "custom"
        command.text = "*HQ,123456789012345,S23,010203,1.2.3.4,5013#"
        #expect(try codec.encode(command, context: SessionContext(deviceId: "123456789012345")) == Array(command.text.utf8))
        #expect(throws: CommandError.self) { try encode("reboot") }
    }

    private func encode(_ type: String, params: [String: String] = [:], options: [String: String] = [:]) throws -> String {
        var command = Command()
        command.type = type
        command.params = params
        command.createdMs = 3_723_000
        let bytes = try codec.encode(command, context: SessionContext(deviceId: "123456789012345", options: options))
        return String(decoding: bytes, as: UTF8.self)
    }
}
