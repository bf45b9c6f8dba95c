import ArgumentParser
import BusTools
import Foundation
import TrackwireTesting
import ZMQ

/// `tw bench abuse`: an honest fleet's acks/s alone and beside abusive clients, as a ratio, with
/// the gateway's memory in both runs. The gateway runs its default limits.
struct BenchAbuseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abuse",
        abstract: "Measure an honest fleet's acks/s beside random bytes, slow senders and connections that never log in, as a ratio to the fleet alone."
    )

    @Option(help: "Honest devices of the `tw sim` fleet (GT06 over TCP, from 127.0.0.1).")
    var devices = 50

    @Option(help: "Positions per second per honest device.")
    var rate = 5.0

    @Option(help: "Seconds of each run (alone, then under abuse).")
    var seconds: Double = 10

    @Option(help: "Connections that never log in, spread over 127.0.0.2-9.")
    var neverLogIn = 2_000

    @Option(help: "Random bytes sent to each device port (GT06 TCP, OsmAnd HTTP, Teltonika UDP), in MB.")
    var randomMB: Double = 5

    @Option(help: "Connections sending one byte a second.")
    var slowSenders = 100

    @Flag(help: "A short run for tests: 10 devices, 3 s, 200 connections that never log in, 0.25 MB, 10 slow senders.")
    var quick = false

    func validate() throws {
        guard devices > 0, seconds > 0, neverLogIn >= 0, randomMB >= 0, slowSenders >= 0 else {
            throw ValidationError("--devices and --seconds must be positive, the abuse 0 or more")
        }
        let needed = devices + neverLogIn + slowSenders + BenchGatewayCommand.spareDescriptors
        let allowed = OpenFileLimit.raiseToHardLimit()
        guard needed <= allowed else { throw ValidationError("this run needs \(needed) open files; a process may open \(allowed) here (ulimit -n)") }
    }

    func run() async throws {
        let (devices, seconds) = quick ? (10, 3.0) : (self.devices, self.seconds)
        let plan = quick ? AbuseLoad.Plan(neverLogIn: 200, randomBytesPerPort: 1 << 18, slowSenders: 10)
            : AbuseLoad.Plan(neverLogIn: neverLogIn, randomBytesPerPort: Int(randomMB * 1_048_576), slowSenders: slowSenders)
        let context = try Context()
        defer { context.terminate() }
        let frames = try context.socket(.pull, options: SocketOptions().with { $0.lingerMs = 0; $0.receiveTimeoutMs = 100 })
        try frames.bind("tcp://127.0.0.1:*")
        let draining = Drain(socket: frames)
        defer { draining.stop() }
        let (gt06, osmand, teltonika) = (FreePorts.one(), FreePorts.one(), FreePorts.one())
        let gateway = try await BenchGatewayCommand.startGateway(
            listen: "gt06:tcp:\(gt06),osmand:http:\(osmand),teltonika:udp:\(teltonika)",
            ready: [.listening(port: gt06), .listening(port: osmand)], frames: frames.lastEndpoint, extra: []
        )
        defer { gateway.stop() }
        let progress = ProgressTimer { String(format: "bench abuse: %d devices, %.0f s", devices, $0.inSeconds) }
        defer { progress.stop() }

        let fleet = HonestFleet(port: gt06, devices: devices, rate: rate, seconds: seconds)
        let alone = try await fleet.ackedPerSecond()
        let rssAlone = ProcessSample(pid: gateway.pid)?.rssBytes ?? 0
        let abuse = AbuseLoad(plan: plan, tcpPorts: [gt06, osmand], udpPorts: [teltonika])
        let abused = try await fleet.ackedPerSecond()
        var rssAbused = max(rssAlone, ProcessSample(pid: gateway.pid)?.rssBytes ?? 0)
        let opened = abuse.neverLogInOpened
        abuse.stop()
        rssAbused = max(rssAbused, ProcessSample(pid: gateway.pid)?.rssBytes ?? 0)
        let ratio = alone > 0 ? abused / alone : 0
        Output.line(String(
            format: "abuse: %d honest devices at %.1f/s, %.1f acked/s alone, %.1f acked/s beside %d never-login connections (%d opened), %.2f MB of random bytes per port and %d slow senders: ratio %.2f (target >= 0.9); gateway RSS %.0f MB alone, %.0f MB under abuse",
            devices, rate, alone, abused, plan.neverLogIn, opened, Double(plan.randomBytesPerPort) / 1_048_576, plan.slowSenders,
            ratio, Double(rssAlone) / 1_048_576, Double(rssAbused) / 1_048_576
        ))
    }
}

/// The honest fleet: a `tw sim` run of GT06 devices against the gateway, its acked positions a second.
struct HonestFleet {
    let port: Int
    let devices: Int
    let rate: Double
    let seconds: Double

    func ackedPerSecond() async throws -> Double {
        let sim = try ChildProcess(trackwire: "tw", [
            "sim", "--devices", String(devices), "--rate", String(rate), "--protocols", "gt06", "--gateway", "127.0.0.1",
            "--port", "gt06=\(port)", "--duration", "\(Int(seconds.rounded(.up)))s", "--json",
        ])
        defer { sim.stop(signal: SIGKILL) }
        guard await sim.waitForExit(timeout: .seconds(Int64(seconds) + 60)) == .exited(0) else {
            throw ValidationError("tw sim did not finish: \(sim.tail())")
        }
        guard let line = sim.lines(.stdout).last(where: { $0.contains("\"final\":true") }),
              let summary = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let acked = summary["acked"] as? Double, let elapsed = summary["elapsed_s"] as? Double, elapsed > 0 else {
            throw ValidationError("tw sim printed no summary: \(sim.tail())")
        }
        return acked / elapsed
    }
}
