import ArgumentParser
import Testing

@testable import Operator
@testable import Simulator

/// `tw sim`'s options: defaults, overrides, and one-line errors for bad values.
@Suite struct SimCommandTests {
    @Test func defaults_areThreeProtocolsOnTheGatewaysPorts_inBerlin() throws {
        let command = try #require(try TW.parseAsRoot(["sim"]) as? SimCommand)
        let configuration = try command.makeConfiguration()
        #expect(configuration.protocols == ["gt06", "teltonika", "osmand"] && configuration.durationMs == nil)
        #expect(configuration.port(for: "gt06") == 5023 && configuration.port(for: "osmand") == 5055 && configuration.port(for: "watch") == 5093)
        #expect(configuration.area == .berlin && configuration.imei(device: 3) == "860000000000003")
    }

    @Test func options_overridePortsRateDurationAndIds() throws {
        let command = try #require(try TW.parseAsRoot([
            "sim", "--devices", "4", "--rate", "0.2", "--protocols", "h02,tk103", "--port", "h02=15013", "--duration", "30s",
            "--id-base", "123", "--area", "48.1,11.5,2",
        ]) as? SimCommand)
        let configuration = try command.makeConfiguration()
        #expect(configuration.port(for: "h02") == 15013 && configuration.port(for: "tk103") == 5002)
        #expect(configuration.durationMs == 30_000 && configuration.plan(device: 1).fixInterval == .seconds(5))
        #expect(configuration.protocolName(device: 3) == "tk103" && configuration.imei(device: 1) == "000000000000124")
        #expect(configuration.area == SimArea(latitude: 48.1, longitude: 11.5, radiusKm: 2))
    }

    @Test func udpEntries_chooseTheDevicesUDPSide_andPortsApplyPerProtocolOrPerEntry() throws {
        let command = try #require(try TW.parseAsRoot([
            "sim", "--protocols", "teltonika/udp,calamp,teltonika", "--port", "teltonika=15027", "--port", "teltonika/udp=25027",
        ]) as? SimCommand)
        let configuration = try command.makeConfiguration()
        #expect(configuration.protocols == ["teltonika/udp", "calamp", "teltonika"])
        #expect(SimProtocols.named("teltonika/udp")?.transport == .udp && SimProtocols.named("teltonika")?.transport == .tcp)
        #expect(SimProtocols.named("calamp")?.transport == .udp && SimProtocols.named("calamp/udp") != nil)
        #expect(configuration.port(for: "teltonika/udp") == 25027 && configuration.port(for: "teltonika") == 15027)
        #expect(configuration.port(for: "calamp") == 5082)
        #expect(SimProtocols.udpEntries.contains("teltonika/udp") && !SimProtocols.udpEntries.contains("calamp/udp"))
    }

    @Test func thePositionsOfSomeProtocolsAreAckedByAReply_andTheHelpNamesThem() {
        #expect(SimProtocols.acksPositions("gt06") && SimProtocols.acksPositions("teltonika/udp") && SimProtocols.acksPositions("calamp"))
        #expect(!SimProtocols.acksPositions("gps103") && !SimProtocols.acksPositions("meiligao") && !SimProtocols.acksPositions("nmea"))
        let help = SimCommand.helpMessage(columns: 10_000)
        let listed = help.components(separatedBy: "Positions of ").dropFirst().first?.components(separatedBy: " are acknowledged").first ?? ""
        #expect(["gt06", "osmand", "calamp", "wialon"].allSatisfy(listed.contains) && !listed.contains("gps103") && !listed.contains("meiligao"), "\(listed)")
    }

    @Test(arguments: [
        ["sim", "--protocols", "gt06,nmea"],
        ["sim", "--protocols", "gt06/udp"],
        ["sim", "--protocols", "teltonika/sctp"],
        ["sim", "--port", "gt06:5023"],
        ["sim", "--rate", "0"],
        ["sim", "--duration", "soon"],
        ["sim", "--area", "52.5,13.4"],
    ])
    func badOptions_areValidationFailures(arguments: [String]) {
        do {
            _ = try TW.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(TW.exitCode(for: error) == .validationFailure)
        }
    }
}
