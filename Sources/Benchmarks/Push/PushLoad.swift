import BusTools
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import TrackwireTesting

/// N WebSocket clients for `tw bench push`: raw NIO connections that upgrade on `/ws`, count every
/// text frame and, for a sample of them, the latency to arrival from a time the message carries: the
/// position's `server_time_ns` (stamped by the publisher) or the message's `time_ms` (the device's
/// fix time, for end-to-end latency). Minimal on purpose: the benchmark should measure push, not a
/// client library.
public final class PushLoad: Sendable {
    /// Which time in a message latency is measured from.
    public enum LatencySource: Sendable {
        /// The position's `server_time_ns`.
        case serverTime
        /// The message's `time_ms`: the device's time (unix ms).
        case deviceTime
    }

    /// What the clients saw.
    public struct Tally: Sendable {
        public var frames = 0
        public var latenciesNs: [Int64] = []
        public var closed = 0
    }

    private let group: MultiThreadedEventLoopGroup
    private let channels = Mutex<[any Channel]>([])
    private let tallies = Mutex<[ClientTally]>([])
    private let latencySource: LatencySource

    public init(threads: Int = 1, latencyFrom latencySource: LatencySource = .serverTime) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        self.latencySource = latencySource
    }

    /// Connects `count` clients to `host:port` `/ws` with `query`; returns once all upgraded.
    public func connect(count: Int, host: String, port: Int, query: String, sampleEvery: Int) async throws {
        let source = latencySource
        for index in 0..<count {
            let tally = ClientTally(sample: index % sampleEvery == 0)
            let request = "GET /ws\(query) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            let channel = try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(FrameCounter(request: request, tally: tally, source: source))
                    }
                }
                .connect(host: host, port: port).get()
            channels.withLock { $0.append(channel) }
            tallies.withLock { $0.append(tally) }
        }
        let all = tallies.withLock { $0 }
        guard await eventually(timeout: .seconds(60), every: .milliseconds(5), { all.allSatisfy(\.upgraded) }) else {
            throw OperatorFailure("bench: \(all.filter { !$0.upgraded }.count) of \(count) WebSocket clients were not upgraded within 60 s")
        }
    }

    /// Everything counted so far, summed over clients.
    public func tally() -> Tally {
        var total = Tally()
        for client in tallies.withLock({ $0 }) {
            let (frames, latencies, closed) = client.snapshot()
            total.frames += frames
            total.latenciesNs += latencies
            total.closed += closed ? 1 : 0
        }
        return total
    }

    /// Frames received and clients closed so far, without copying the latency samples.
    public func counts() -> (frames: Int, closed: Int) {
        tallies.withLock { $0 }.reduce(into: (0, 0)) { total, client in
            let (frames, closed) = client.counts()
            total.0 += frames
            total.1 += closed ? 1 : 0
        }
    }

    /// Closes every client and the event loops.
    public func shutdown() async {
        for channel in channels.withLock({ $0 }) { try? await channel.close() }
        try? await group.shutdownGracefully()
    }
}

/// One client's counts; written on its event loop, read by the benchmark.
final class ClientTally: Sendable {
    let sample: Bool
    private let state = Mutex<(frames: Int, latencies: [Int64], upgraded: Bool, closed: Bool)>((0, [], false, false))

    init(sample: Bool) { self.sample = sample }

    var upgraded: Bool { state.withLock { $0.upgraded || $0.closed } }
    func markUpgraded() { state.withLock { $0.upgraded = true } }
    func markClosed() { state.withLock { $0.closed = true } }
    func add(frames: Int, latencies: [Int64]) {
        state.withLock {
            $0.frames += frames
            $0.latencies += latencies
        }
    }
    func snapshot() -> (Int, [Int64], Bool) { state.withLock { ($0.frames, $0.latencies, $0.closed) } }
    func counts() -> (Int, Bool) { state.withLock { ($0.frames, $0.closed) } }
}

/// Sends the upgrade request, skips the 101 response, then walks server frames (never masked),
/// counting text frames and answering pings.
final class FrameCounter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let request: String
    private let tally: ClientTally
    private var buffer = ByteBuffer()
    private var upgraded = false
    private let marker: [UInt8]
    private let nanosecondsPerUnit: Int64

    init(request: String, tally: ClientTally, source: PushLoad.LatencySource) {
        self.request = request
        self.tally = tally
        switch source {
        case .serverTime: (marker, nanosecondsPerUnit) = (Array(#""server_time_ns":"#.utf8), 1)
        case .deviceTime: (marker, nanosecondsPerUnit) = (Array(#""time_ms":"#.utf8), 1_000_000)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(NIOAny(ByteBuffer(string: request)), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) { tally.markClosed() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        if !upgraded {
            guard let end = buffer.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            buffer.moveReaderIndex(forwardBy: end.upperBound - buffer.readableBytesView.startIndex)
            upgraded = true
            tally.markUpgraded()
        }
        var frames = 0
        var latencies: [Int64] = []
        while let (opcode, payload) = nextFrame() {
            // Push pings every 30 s and closes a client that does not answer: pong with the same
            // payload (client frames are masked; a zero mask leaves the payload as it is).
            if opcode == 0x9 {
                var pong = context.channel.allocator.buffer(capacity: 6 + payload.count)
                pong.writeBytes([0x8A, 0x80 | UInt8(payload.count), 0, 0, 0, 0])
                pong.writeBytes(payload)
                context.writeAndFlush(NIOAny(pong), promise: nil)
            }
            guard opcode == 0x1 else { continue }
            frames += 1
            if tally.sample, let sent = time(in: payload) {
                latencies.append(Int64(Date().timeIntervalSince1970 * 1e9) - sent * nanosecondsPerUnit)
            }
        }
        buffer.discardReadBytes()
        if frames > 0 { tally.add(frames: frames, latencies: latencies) }
    }

    /// The next complete frame's opcode and payload, consumed; `nil` if incomplete.
    private func nextFrame() -> (UInt8, ByteBufferView)? {
        let view = buffer.readableBytesView
        guard view.count >= 2 else { return nil }
        let start = view.startIndex
        var length = Int(view[start + 1] & 0x7F)
        var header = 2
        if length == 126 {
            guard view.count >= 4 else { return nil }
            length = Int(view[start + 2]) << 8 | Int(view[start + 3])
            header = 4
        } else if length == 127 {
            guard view.count >= 10 else { return nil }
            length = (2..<10).reduce(0) { $0 << 8 | Int(view[start + $1]) }
            header = 10
        }
        guard view.count >= header + length else { return nil }
        let opcode = view[start] & 0x0F
        let payload = buffer.getSlice(at: buffer.readerIndex + header, length: length)!.readableBytesView
        buffer.moveReaderIndex(forwardBy: header + length)
        return (opcode, payload)
    }

    /// The digits after the marker: `server_time_ns` or `time_ms` (a quote before the digits is
    /// skipped: older pushes sent proto JSON, which quotes int64).
    private func time(in payload: ByteBufferView) -> Int64? {
        guard let range = payload.firstRange(of: marker) else { return nil }
        var value: Int64 = 0
        let digits = payload[range.upperBound...]
        for byte in digits.first == UInt8(ascii: "\"") ? digits.dropFirst() : digits {
            guard byte >= 48 && byte <= 57 else { break }
            value = value * 10 + Int64(byte - 48)
        }
        return value > 0 ? value : nil
    }
}
