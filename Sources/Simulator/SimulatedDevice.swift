import Codecs
import Foundation
import NIOCore
import NIOPosix
import TrackwireProtocol

/// One simulated vehicle on one event loop: drives its route, feeds its `SimSession` and performs
/// what the session returns on a TCP connection that it re-opens with backoff when it drops, or,
/// for a device speaking UDP, on a connected UDP socket (one datagram per message).
/// Every member is touched only on `eventLoop`, hence `@unchecked Sendable`.
final class SimulatedDevice: @unchecked Sendable {
    /// Where and how a device connects, and its timings.
    struct Plan: Sendable {
        var imei: String
        var host: String
        var port: Int
        var fixInterval: TimeAmount
        var heartbeatInterval: TimeAmount
        var session: SimSession.Settings
    }

    let plan: Plan
    let device: any SimulatedProtocol
    let counters: SimCounters
    let eventLoop: any EventLoop
    private let ledger: SimLedger?
    private let deviceID: String
    private var session: SimSession
    private var route: VehicleRoute
    private var random: SplitMix
    private var sequence = 0
    private var channel: (any Channel)?
    private var failedAttempts = 0
    private var tasks: [RepeatedTask] = []
    private var stopping = false

    init(plan: Plan, device: any SimulatedProtocol, route: VehicleRoute, random: SplitMix, counters: SimCounters, eventLoop: any EventLoop,
         ledger: SimLedger? = nil) {
        self.plan = plan
        self.ledger = ledger
        self.deviceID = device.deviceId(imei: plan.imei)
        self.device = device
        self.route = route
        self.random = random
        self.counters = counters
        self.eventLoop = eventLoop
        self.session = SimSession(settings: plan.session, link: device.transport == .udp ? .datagram : .stream)
    }

    /// Connects after `delay` and starts reporting; the first fix comes one interval later.
    func start(after delay: TimeAmount) {
        eventLoop.scheduleTask(in: delay) { [self] in
            connect()
            tasks = [
                eventLoop.scheduleRepeatedTask(initialDelay: plan.fixInterval, delay: plan.fixInterval) { [self] _ in report() },
                eventLoop.scheduleRepeatedTask(initialDelay: plan.heartbeatInterval, delay: plan.heartbeatInterval) { [self] _ in keepAlive() },
                eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(250), delay: .milliseconds(250)) { [self] _ in tick() },
            ]
        }
    }

    /// Stops reporting; the connection stays open until the outstanding positions are acked.
    func stop() {
        eventLoop.execute { [self] in
            stopping = true
            for task in tasks { task.cancel() }
            tasks = [eventLoop.scheduleRepeatedTask(initialDelay: .zero, delay: .milliseconds(100)) { [self] _ in closeWhenDrained() }]
        }
    }

    /// Closes now, acked or not.
    func close() -> EventLoopFuture<Void> {
        eventLoop.submit { [self] in
            stopping = true
            for task in tasks { task.cancel() }
            tasks = []
            channel?.close(promise: nil)
        }
    }

    // MARK: Events (on the event loop)

    private func connect() {
        if device.transport == .udp { return openDatagramSocket() }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.seconds(10))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(SimStreamHandler(device: self)) }
            }
        bootstrap.connect(host: plan.host, port: plan.port).whenFailure { [self] _ in reconnectLater() }
    }

    /// A UDP socket connected to the gateway, so that only its replies are read.
    private func openDatagramSocket() {
        let bootstrap = DatagramBootstrap(group: eventLoop)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(SimDatagramHandler(device: self)) }
            }
        bootstrap.connect(host: plan.host, port: plan.port).whenComplete { [self] result in
            switch result {
            case .success(let channel): connected(channel)
            case .failure: reconnectLater()
            }
        }
    }

    func connected(_ channel: any Channel) {
        guard !stopping else { channel.close(promise: nil); return }
        self.channel = channel
        failedAttempts = 0
        counters.connected.wrappingIncrement(ordering: .relaxed)
        perform(session.connected(login: device.login(imei: plan.imei, sequence: nextSequence()), nowMs: Self.monotonicMs))
    }

    func received(_ bytes: [UInt8]) {
        perform(session.received(bytes, nowMs: Self.monotonicMs))
    }

    func received(datagram: [UInt8]) {
        perform(session.receivedDatagram(datagram, nowMs: Self.monotonicMs))
    }

    func disconnected() {
        guard channel != nil else { return }
        channel = nil
        counters.connected.wrappingDecrement(ordering: .relaxed)
        session.disconnected()
        reconnectLater()
    }

    private func report() {
        route.advance(seconds: Double(plan.fixInterval.nanoseconds) / 1e9)
        let fix = route.fix(timeMs: Int64(Date().timeIntervalSince1970 * 1000))
        perform(session.enqueue(device.position(fix, imei: plan.imei, sequence: nextSequence()), fixTimeMs: fix.timeMs - fix.timeMs % device.fixTimeResolutionMs, nowMs: Self.monotonicMs))
    }

    private func keepAlive() {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        guard let message = device.heartbeat(imei: plan.imei, sequence: nextSequence(), timeMs: now) else { return }
        perform(session.heartbeat(message, nowMs: Self.monotonicMs))
    }

    private func tick() {
        perform(session.tick(nowMs: Self.monotonicMs))
    }

    private func closeWhenDrained() {
        if session.unackedPositions == 0 { channel?.close(promise: nil) }
    }

    // MARK: Doing what the session says

    private func perform(_ output: SimOutput) {
        counters.add(output.tally)
        if let ledger, !output.ackedFixTimes.isEmpty { ledger.record(device: deviceID, fixTimes: output.ackedFixTimes) }
        guard let channel else { return }
        for bytes in output.writes {
            channel.write(channel.allocator.buffer(bytes: bytes), promise: nil)
        }
        if !output.writes.isEmpty { channel.flush() }
        if output.reconnect { channel.close(promise: nil) }
    }

    /// Exponential backoff from 0.5 s to 30 s with jitter, so a restarted gateway is not stormed.
    private func reconnectLater() {
        guard !stopping else { return }
        let ceiling = min(30_000.0, 500 * pow(2, Double(min(failedAttempts, 6))))
        failedAttempts += 1
        let delay = TimeAmount.milliseconds(Int64(ceiling * (0.5 + 0.5 * random.nextUnit())))
        eventLoop.scheduleTask(in: delay) { [self] in if !stopping { connect() } }
    }

    private func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    private static var monotonicMs: Int64 { Int64(NIODeadline.now().uptimeNanoseconds / 1_000_000) }
}
