import Foundation
import Testing
import TrackwireTesting

/// How a real tw-bus starts, refuses bad configuration and stops.
@Suite struct BusLifecycleTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func bus_onSignal_exitsZeroWithinTwoSeconds(signal: Int32) async throws {
        let bus = try await BusProcess.start()
        bus.process.signal(signal)
        let exit = await bus.process.waitForExit(timeout: .seconds(2))
        #expect(exit == .exited(0), "after signal \(signal): \(exit.map(String.init(describing:)) ?? "still running after 2 s")")
    }

    @Test func bus_bindsItsChannelsFromTheBusFlag() async throws {
        // BusProcess passes only --bus 127.0.0.1:<base>, so every channel is bound from it (and
        // BusQueueTests and BusBroadcastTests carry messages through such a bus); the log says where.
        let bus = try await BusProcess.start()
        for channel in BusProcess.Channel.allCases {
            #expect(bus.process.stderr.contains("tcp://127.0.0.1:\(bus.base + channel.rawValue)"), "\(channel) not bound from --bus")
        }
    }

    @Test(arguments: [
        ["--frames-in", "tcp//missing-colon"],
        ["--broadcast-out", "@carrier-pigeon://*:1"],
        ["--http", "no-port-here"],
        ["--log-level", "loud"],
        ["--no-such-flag"],
    ])
    func bus_withBadConfiguration_exitsTwoWithOneLine(arguments: [String]) async throws {
        let process = try ChildProcess(trackwire: "tw-bus", arguments)
        let exit = await process.waitForExit(timeout: .seconds(10))
        #expect(exit == .exited(2))
        let lines = process.lines(.stderr)
        #expect(lines.count == 1, "stderr: \(process.stderr)")
        #expect(lines.first?.contains("configuration error") == true)
    }
}
