import ArgumentParser
import Testing
import TrackwireRuntime
import ZMQ

/// The options every process takes, parsed from flags alone (the environment's part is proved on
/// real processes in `StageConfigurationTests`: a malformed `TW_*` value would stay recorded for
/// every later parse in this test process).
@Suite struct RuntimeOptionsTests {
    @Test func flags_setTheBusSocketOptions() throws {
        let options = try RuntimeOptions.parse(["--sndhwm", "5", "--rcvhwm", "7", "--linger", "500ms", "--zmq-heartbeat", "2s"])
        let socket = options.socketOptions
        #expect(socket.sendHighWaterMark == 5 && socket.receiveHighWaterMark == 7)
        #expect(socket.lingerMs == 500)
        #expect(socket.heartbeatIntervalMs == 2_000 && socket.heartbeatTimeoutMs == 10_000, "the timeout is five intervals")
    }

    @Test func curveKeys_makeEveryBusSocketAClient() throws {
        let (server, own) = (try CurveKeyPair.generate(), try CurveKeyPair.generate())
        let options = try RuntimeOptions.parse(["--curve-server-key", server.publicKey, "--curve-public-key", own.publicKey, "--curve-secret-key", own.secretKey])
        #expect(options.socketOptions.curve == .client(serverKey: server.publicKey, publicKey: own.publicKey, secretKey: own.secretKey))
        #expect(try RuntimeOptions.parse([]).socketOptions.curve == nil)
    }

    @Test func curvePair_withoutAServerKey_isTheBusesRoleOnly_andAMismatchedPairIsRefused() throws {
        let (one, other) = (try CurveKeyPair.generate(), try CurveKeyPair.generate())
        let pairOnly = try RuntimeOptions.parse(["--curve-public-key", one.publicKey, "--curve-secret-key", one.secretKey])
        #expect(pairOnly.curvePair == one && pairOnly.socketOptions.curve == nil)
        #expect(throws: (any Error).self) { try pairOnly.checkCurve(isServer: false) }
        try pairOnly.checkCurve(isServer: true)
        #expect(throws: (any Error).self) {
            try RuntimeOptions.parse(["--curve-public-key", one.publicKey, "--curve-secret-key", other.secretKey])
        }
    }

    @Test(arguments: [
        ("127.0.0.1:7200", "@tcp://127.0.0.1:7200", "@tcp://127.0.0.1:7205"),
        ("10.0.0.5", "@tcp://10.0.0.5:7100", "@tcp://10.0.0.5:7105"),
        ("0.0.0.0:7300", "@tcp://0.0.0.0:7300", "@tcp://0.0.0.0:7305"),
        ("localhost:7400", "@tcp://127.0.0.1:7400", "@tcp://127.0.0.1:7405"),
        ("bus", "@tcp://*:7100", "@tcp://*:7105"),
    ])
    func busAddress_namesWhereTheBusBindsItsSixPorts(address: String, first: String, last: String) {
        let endpoints = BusEndpoints(address: address)
        #expect(endpoints.bound(0) == first)
        #expect(endpoints.bound(5) == last)
    }

    @Test(arguments: [
        ["--log-level", "loud"], ["--log-format", "xml"], ["--sndhwm", "-1"], ["--linger", "soon"], ["--zmq-heartbeat", "often"],
        ["--instance", "a.b"], ["--instance", "a b"], ["--instance", ""],
        ["--curve-server-key", String(repeating: "k", count: 40)],
        ["--curve-server-key", "short", "--curve-public-key", "short", "--curve-secret-key", "short"],
    ])
    func badValues_areValidationErrors(arguments: [String]) {
        #expect {
            try RuntimeOptions.parse(arguments)
        } throws: { error in
            RuntimeOptions.exitCode(for: error) == .validationFailure
        }
    }

    @Test func http_off_meansNoMetricsServer_andAnAddressOverridesTheStageDefault() throws {
        #expect(try RuntimeOptions.parse(["--http", "off"]).metricsAddress(default: "127.0.0.1:9100") == nil)
        #expect(try RuntimeOptions.parse(["--http", "0.0.0.0:9200"]).metricsAddress(default: "127.0.0.1:9100") == "0.0.0.0:9200")
    }

    @Test func bus_hostOrHostAndBasePort_givesTheSixEndpoints() throws {
        let local = try RuntimeOptions.parse(["--bus", "bus.local"]).busEndpoints
        #expect([local.broadcastIn, local.broadcastOut, local.framesIn, local.framesOut, local.storeIn, local.storeOut]
            == (7100...7105).map { ">tcp://bus.local:\($0)" })
        let shifted = BusEndpoints(address: "10.0.0.5:7200")
        #expect(shifted.host == "10.0.0.5" && shifted.storeOut == ">tcp://10.0.0.5:7205")
    }

    @Test func bus_aCommaSeparatedList_connectsEveryEndpointToEachBus_andTheBusBindsOnlyTheFirst() throws {
        let two = try RuntimeOptions.parse(["--bus", "10.77.0.1,10.77.0.2:7200"]).busEndpoints
        #expect(two.isRedundant && two.addresses.count == 2)
        #expect(two.framesIn == ">tcp://10.77.0.1:7102,>tcp://10.77.0.2:7202")
        #expect(two.storeOut == ">tcp://10.77.0.1:7105,>tcp://10.77.0.2:7205")
        #expect(two.bound(0) == "@tcp://10.77.0.1:7100")
        #expect(!BusEndpoints(address: "bus").isRedundant)
    }
}
