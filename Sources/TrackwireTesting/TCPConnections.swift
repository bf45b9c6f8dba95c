import Foundation

/// The machine's TCP connections as the kernel lists them (`/proc/net/tcp`): how a test sees that
/// a bus has taken, or let go of, a peer's connection, where libzmq itself says nothing.
public enum TCPConnections {
    /// A connection's state, as `/proc/net/tcp` numbers it.
    public enum State: Int, Sendable {
        case established = 1, listen = 10
    }

    /// How many connections have local port `port` (the side that bound it) and are in `state`,
    /// or in any state but listening when `state` is `nil`.
    public static func count(localPort port: Int, state: State? = nil) -> Int {
        // Read to the end: /proc files claim size 0, so a read sized by the file's length gets a part.
        let data = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/net/tcp")).readToEnd()) ?? nil
        let table = String(decoding: data ?? Data(), as: UTF8.self)
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            guard fields.count > 3, let local = fields[1].split(separator: ":").last, Int(local, radix: 16) == port,
                  let code = Int(fields[3], radix: 16) else { return false }
            return state.map { $0.rawValue == code } ?? (code != State.listen.rawValue)
        }.count
    }
}
