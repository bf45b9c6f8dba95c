#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZeroMQ

/// A libzmq call failed. `code` says what the caller should do; `operation` and `message` say
/// what happened in words a person can act on.
public struct ZMQError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, grouped by what the caller should do about it.
    public enum Code: Sendable, Equatable {
        /// The context is being terminated: stop using the socket and shut down cleanly.
        case terminated
        /// An endpoint could not be parsed or used (bad address, unknown transport).
        case invalidEndpoint
        /// The address is already bound by someone else.
        case addressInUse
        /// The operation is not valid in the socket's current state or type.
        case invalidState
        /// Any other errno.
        case other(Int32)
    }

    public let code: Code
    /// The errno libzmq reported.
    public let errno: Int32
    /// The libzmq operation, e.g. `zmq_bind(tcp://*:7100)`.
    public let operation: String

    public init(errno: Int32, operation: String) {
        self.errno = errno
        self.operation = operation
        self.code = switch errno {
        case ETERM: .terminated
        case EINVAL, EPROTONOSUPPORT, ENOCOMPATPROTO, ENODEV, EADDRNOTAVAIL: .invalidEndpoint
        case EADDRINUSE: .addressInUse
        case EFSM, ENOTSUP, ENOTSOCK: .invalidState
        default: .other(errno)
        }
    }

    /// libzmq's own text for the errno.
    public var message: String { String(cString: zmq_strerror(errno)) }

    public var description: String { "\(operation) failed: \(message)" }

    /// Whether this error means "the context is shutting down".
    public var isTerminated: Bool { code == .terminated }
}

/// The one door into libzmq (STYLE §6): runs a call, retries EINTR, reports EAGAIN as "would block"
/// (`nil`), and turns every other failure into a typed `ZMQError`.
@inline(__always)
func zmqCall(_ operation: @autoclosure () -> String, _ body: () -> Int32) throws(ZMQError) -> Int32? {
    while true {
        let rc = body()
        if rc >= 0 { return rc }
        let error = zmq_errno()
        if error == EINTR { continue }
        if error == EAGAIN { return nil }
        throw ZMQError(errno: error, operation: operation())
    }
}

/// For calls where EAGAIN cannot happen (setsockopt, bind, connect): failure is always an error.
@inline(__always)
@discardableResult
func zmqCheck(_ operation: @autoclosure () -> String, _ body: () -> Int32) throws(ZMQError) -> Int32 {
    guard let rc = try zmqCall(operation(), body) else {
        throw ZMQError(errno: EAGAIN, operation: operation())
    }
    return rc
}
