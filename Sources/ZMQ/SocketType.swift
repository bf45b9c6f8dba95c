import CZeroMQ

/// The ZeroMQ socket types Trackwire uses.
public enum SocketType: Sendable, CustomStringConvertible {
    case pub, sub, xpub, xsub, push, pull, pair, dealer, router, req, rep

    var rawValue: Int32 {
        switch self {
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        }
    }

    public var description: String {
        switch self {
        case .pub: "PUB"
        case .sub: "SUB"
        case .xpub: "XPUB"
        case .xsub: "XSUB"
        case .push: "PUSH"
        case .pull: "PULL"
        case .pair: "PAIR"
        case .dealer: "DEALER"
        case .router: "ROUTER"
        case .req: "REQ"
        case .rep: "REP"
        }
    }
}
