import Foundation
/// A list of endpoints in CZMQ's notation: `@tcp://*:7102` binds, `>tcp://bus:7102` connects,
/// comma-separated. An endpoint without a prefix takes the socket's default action.
public struct Endpoints: Sendable, Equatable, CustomStringConvertible {
    /// Bind or connect.
    public enum Action: Sendable, Equatable { case bind, connect }

    /// One endpoint and what to do with it.
    public struct Entry: Sendable, Equatable {
        public var action: Action
        public var address: String

        public init(action: Action, address: String) {
            self.action = action
            self.address = address
        }
    }

    public var entries: [Entry]

    /// Parses a list; throws `EndpointsError` for an empty list, an empty entry, or an address
    /// without a `transport://` part.
    public init(_ text: String, defaultAction: Action) throws(EndpointsError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw EndpointsError(text: text, reason: "the endpoint list is empty")
        }
        entries = try parts.map { part throws(EndpointsError) in
            var action = defaultAction
            var address = Substring(part)
            if address.hasPrefix("@") { action = .bind; address = address.dropFirst() }
            else if address.hasPrefix(">") { action = .connect; address = address.dropFirst() }
            guard let scheme = address.range(of: "://"), !address[scheme.upperBound...].isEmpty else {
                throw EndpointsError(text: text, reason: "'\(part)' is not transport://address (tcp://, ipc://, inproc://)")
            }
            let transport = address[..<scheme.lowerBound]
            guard ["tcp", "ipc", "inproc", "ws", "udp", "pgm", "epgm", "tipc", "vmci"].contains(transport) else {
                throw EndpointsError(text: text, reason: "'\(transport)' in '\(part)' is not a ZeroMQ transport")
            }
            return Entry(action: action, address: String(address))
        }
    }

    public var description: String {
        entries.map { ($0.action == .bind ? "@" : ">") + $0.address }.joined(separator: ",")
    }
}

/// An endpoint list that cannot be used, with the reason.
public struct EndpointsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "bad endpoint list '\(text)': \(reason)" }
}

