/// Which device connections are open per address and which have not named their device yet, and
/// what to do when a connection arrives. Pure: the caller owns the sockets (`ConnectionBudget`).
///
/// Two bounds besides `--max-connections` (which counts identified connections only):
/// `--max-connections-per-address` connections (and UDP peers) from one host, beyond which a new
/// one is refused; and `--max-unidentified` connections still waiting for their login, beyond
/// which the oldest of them is evicted, so connections that never log in cannot lock honest
/// devices out: a new device is only evicted if that many connections arrive before its login.
struct ConnectionLedger {
    /// What to do with a new connection.
    enum Admission: Equatable {
        /// Accept it; close the connection `evicting` (the oldest unidentified one) if not nil.
        case admit(evicting: UInt64?)
        /// Close it at once: its address already has the most connections allowed.
        case refuse
    }

    let perAddress: Int
    let unidentifiedLimit: Int
    private(set) var openByHost: [String: Int] = [:]
    /// Unidentified sessions, oldest first; entries no longer in `waiting` are skipped lazily.
    private var order: [UInt64] = []
    private var orderStart = 0
    private var waiting: Set<UInt64> = []

    init(perAddress: Int, unidentified: Int) {
        self.perAddress = perAddress
        self.unidentifiedLimit = unidentified
    }

    var unidentifiedCount: Int { waiting.count }

    /// A connection from `host` opened; `unidentified` when it still has to name its device
    /// (TCP and HTTP), not for a UDP peer.
    mutating func open(session: UInt64, host: String, unidentified: Bool = true) -> Admission {
        guard openByHost[host, default: 0] < perAddress else { return .refuse }
        openByHost[host, default: 0] += 1
        guard unidentified else { return .admit(evicting: nil) }
        var evicted: UInt64?
        if waiting.count >= unidentifiedLimit { evicted = popOldest() }
        waiting.insert(session)
        order.append(session)
        return .admit(evicting: evicted)
    }

    /// The session named its device: it no longer counts as unidentified.
    mutating func identified(session: UInt64) {
        waiting.remove(session)
        compactIfSparse()
    }

    /// An admitted connection from `host` closed.
    mutating func close(session: UInt64, host: String) {
        if let count = openByHost[host] { openByHost[host] = count > 1 ? count - 1 : nil }
        identified(session: session)
    }

    private mutating func popOldest() -> UInt64? {
        while orderStart < order.count {
            let session = order[orderStart]
            orderStart += 1
            if waiting.remove(session) != nil { return session }
        }
        return nil
    }

    /// Drops skipped entries once they are most of the queue, so it stays proportional to `waiting`.
    private mutating func compactIfSparse() {
        guard order.count > 64, order.count - orderStart > 2 * waiting.count + 64 || orderStart > order.count / 2 else { return }
        order = order[orderStart...].filter { waiting.contains($0) }
        orderStart = 0
    }
}
