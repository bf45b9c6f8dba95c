import NIOCore

/// Hands a device's TCP connection events to it.
final class SimStreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let device: SimulatedDevice

    init(device: SimulatedDevice) { self.device = device }

    func channelActive(context: ChannelHandlerContext) {
        device.connected(context.channel)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        device.received(Array(unwrapInboundIn(data).readableBytesView))
    }

    func channelInactive(context: ChannelHandlerContext) {
        device.disconnected()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// Hands a device the reply datagrams of its UDP socket. Errors (an ICMP "port unreachable"
/// while the gateway is down) leave the socket open: the device sends again after its ack timeout.
final class SimDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let device: SimulatedDevice

    init(device: SimulatedDevice) { self.device = device }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        device.received(datagram: Array(unwrapInboundIn(data).data.readableBytesView))
    }

    func channelInactive(context: ChannelHandlerContext) {
        device.disconnected()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}
