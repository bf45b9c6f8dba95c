import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import Push
import Testing
import TrackwireRuntime

/// The WebSocket writer on a test channel: what it writes must be frames NIOWebSocket's own decoder
/// reads, and it must leave messages queued while the socket is full.
@Suite struct WebSocketFrameWriterTests {
    let metrics = PushMetrics(StageCounters(stage: "push"))

    /// A channel with NIOWebSocket's encoder (as after an upgrade) and a writer for `queue`.
    func channel(writing queue: ClientQueue) async throws -> NIOAsyncTestingChannel {
        let channel = NIOAsyncTestingChannel()
        try await channel.testingEventLoop.executeInContext {
            try channel.pipeline.syncOperations.addHandler(WebSocketFrameEncoder())
        }
        try await WebSocketFrameWriter.install(on: channel, queue: queue, metrics: metrics, wakeups: EventLoopWakeups())
        return channel
    }

    /// Every text frame written so far, decoded by NIOWebSocket.
    func written(_ channel: NIOAsyncTestingChannel) async throws -> [String] {
        try await channel.testingEventLoop.executeInContext {}
        var bytes = ByteBuffer()
        while var buffer = try await channel.readOutbound(as: ByteBuffer.self) { bytes.writeBuffer(&buffer) }
        let decoder = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 20)))
        try decoder.writeInbound(bytes)
        var texts: [String] = []
        while let frame = try decoder.readInbound(as: WebSocketFrame.self) {
            #expect(frame.fin && frame.opcode == .text && frame.maskKey == nil)
            texts.append(String(buffer: frame.data))
        }
        return texts
    }

    func setWritable(_ writable: Bool, _ channel: NIOAsyncTestingChannel) async throws {
        try await channel.testingEventLoop.executeInContext {
            channel.isWritable = writable
            channel.pipeline.syncOperations.fireChannelWritabilityChanged()
        }
    }

    @Test func writesABatch_asTextFramesThatNIOWebSocketDecodes_atEveryLengthEncoding() async throws {
        let queue = ClientQueue(capacity: 100)
        let texts = [0, 5, 125, 126, 65_535, 65_536, 70_000, 3].map { String(repeating: "x", count: $0) }
        queue.force(texts.map { ByteBuffer(string: $0) })
        let channel = try await channel(writing: queue)
        #expect(try await written(channel) == texts)
        queue.offer(ByteBuffer(string: #"{"type":"position"}"#))
        #expect(try await written(channel) == [#"{"type":"position"}"#])
    }

    @Test func whileTheSocketIsFull_messagesWait_thenGoOut_andAnOverflowClosesAsSlowConsumer() async throws {
        let queue = ClientQueue(capacity: 2)
        let channel = try await channel(writing: queue)
        try await setWritable(false, channel)
        queue.offer(ByteBuffer(string: "a"))
        queue.offer(ByteBuffer(string: "b"))
        #expect(try await written(channel) == [])
        try await setWritable(true, channel)
        #expect(try await written(channel) == ["a", "b"])
        try await setWritable(false, channel)
        for text in ["c", "d", "e"] { queue.offer(ByteBuffer(string: text)) }
        #expect(queue.closeReason == "slow consumer: more than 2 messages waiting")
        #expect(try await written(channel) == [])
    }

    @Test func aClosedConnection_closesTheQueue() async throws {
        let queue = ClientQueue(capacity: 2)
        let channel = try await channel(writing: queue)
        try await channel.close()
        #expect(await queue.closed() == "closed")
    }
}
