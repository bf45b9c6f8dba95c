import Foundation

/// An exclusive `flock` on `<database>.lock`, held for as long as the process writes the database,
/// so a second tw-storage on the same file stops with a clear error instead of fighting over it.
/// The kernel releases the lock when the process dies, even by SIGKILL, so a restart never finds a
/// stale lock.
final class WriterLock: Sendable {
    let path: String
    private let descriptor: Int32

    /// Takes the lock or throws `WriterLockError` naming the holder.
    init(databasePath: String) throws {
        path = databasePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw WriterLockError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw WriterLockError(
                "another tw-storage (pid \(holder.isEmpty ? "unknown" : holder)) is already writing \(databasePath); "
                    + "SQLite allows one writer — stop it or use --db postgres://... for several writers"
            )
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    /// Releases the lock (closing the descriptor drops the `flock`).
    func release() {
        close(descriptor)
    }
}

/// Why the writer lock could not be taken.
public struct WriterLockError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
