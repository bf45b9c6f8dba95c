import Atomics
import BusTools
import Codecs
import Foundation
import NIOCore
import NIOPosix

/// Drives N simulated GT06 devices against a gateway, each sending its login and then one
/// position after another, waiting for every ack (as real trackers do), and measures acks/s.
/// The measurement behind `tw bench gateway`.
public enum GatewayLoad {
    /// What a run measured.
    public struct Result: Sendable {
        public var devices: Int
        public var acks: Int
        public var seconds: Double
        public var acksPerSecond: Double { seconds > 0 ? Double(acks) / seconds : 0 }
    }

    /// A real GT06 login (IMEI replaced per device) and a real 0x12 position frame with a valid CRC
    /// (fixture line 111).
    static let loginTemplate: [UInt8] = [0x78, 0x78, 0x0D, 0x01, 0x08, 0x64, 0x71, 0x70, 0x03, 0x28, 0x35, 0x81, 0x00, 0x09, 0x3F, 0x04, 0x0D, 0x0A]
    static let position: [UInt8] = [
        0x78, 0x78, 0x1F, 0x12, 0x11, 0x08, 0x19, 0x11, 0x02, 0x16, 0xD4, 0x02, 0xF2, 0x50, 0x34,
        0x08, 0x28, 0x92, 0x40, 0x55, 0xD4, 0xC8, 0x01, 0x94, 0x46, 0x00, 0xD3, 0x00, 0xC0, 0x95,
        0x01, 0x42, 0x9C, 0x83, 0x0D, 0x0A,
    ]

    /// Connects `devices` clients to `host:port` (each logs in and waits), calls `connected` once
    /// all are, then lets every device send position after position for `duration`. A connection that takes longer than 10 s fails the run rather than hanging it.
    public static func run(
        host: String = "127.0.0.1", port: Int, devices: Int, duration: Duration, connected: () -> Void = {}
    ) async throws -> Result {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let acks = ManagedAtomic<Int>(0)
        // Devices log in as they connect and wait: had they started sending at once, the early ones'
        // traffic would starve the connects of the later ones (12 000 devices never all connected).
        let running = ManagedAtomic<Bool>(false)
        var channels: [any Channel] = []
        for index in 0..<devices {
            let login = Self.login(device: index)
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(10))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(LockstepDevice(login: login, position: position, acks: acks, running: running))
                    }
                }
                .connect(host: host, port: port).get()
            channels.append(channel)
        }
        connected()
        let start = ContinuousClock.now
        let before = acks.load(ordering: .relaxed)
        running.store(true, ordering: .relaxed)
        for channel in channels {
            channel.writeAndFlush(channel.allocator.buffer(bytes: position), promise: nil)
        }
        try await Task.sleep(for: duration)
        let counted = acks.load(ordering: .relaxed) - before
        let elapsed = ContinuousClock.now - start
        running.store(false, ordering: .relaxed)
        for channel in channels { try? await channel.close() }
        try? await group.shutdownGracefully()
        return Result(devices: devices, acks: counted, seconds: elapsed.inSeconds)
    }

    /// A login frame for device `index` (IMEI digits derived from the index), with a valid CRC.
    static func login(device index: Int) -> [UInt8] {
        var frame = loginTemplate
        let imei = "0" + String(864_717_000_000_000 + index)  // 15-digit IMEI as 16 BCD digits
        let digits = Array(imei.utf8).map { $0 - 0x30 }
        for i in 0..<8 { frame[4 + i] = digits[2 * i] << 4 | digits[2 * i + 1] }
        let crc = Checksums.crc16X25(frame[2..<(frame.count - 4)])
        frame[frame.count - 4] = UInt8(crc >> 8)
        frame[frame.count - 3] = UInt8(crc & 0xFF)
        return frame
    }
}

/// One simulated device: sends the next frame when the previous one was acked (10-byte GT06 acks).
private final class LockstepDevice: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let login: [UInt8]
    let position: [UInt8]
    let acks: ManagedAtomic<Int>
    let running: ManagedAtomic<Bool>
    private var received = 0

    init(login: [UInt8], position: [UInt8], acks: ManagedAtomic<Int>, running: ManagedAtomic<Bool>) {
        self.login = login
        self.position = position
        self.acks = acks
        self.running = running
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: login)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += unwrapInboundIn(data).readableBytes
        while received >= 10 {
            received -= 10
            acks.wrappingIncrement(ordering: .relaxed)
            guard running.load(ordering: .relaxed) else { return }
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: position)), promise: nil)
        }
    }
}
