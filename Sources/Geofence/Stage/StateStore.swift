import Foundation

/// Keeps the detector's state in `<directory>/state.json`, written atomically (a temporary file,
/// flushed, then renamed over the old one), so a crash leaves the previous snapshot intact.
public struct StateStore: Sendable {
    /// The directory holding the snapshot.
    public let directory: URL

    /// A store in `directory` (created on first save).
    public init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    }

    /// The snapshot file.
    public var file: URL { directory.appendingPathComponent("state.json") }

    /// The last snapshot; `nil` if there is none. Throws for one that cannot be read.
    public func load() throws -> DetectorState? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        return try JSONDecoder().decode(DetectorState.self, from: Data(contentsOf: file))
    }

    /// Writes a snapshot.
    public func save(_ state: DetectorState) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = try JSONEncoder().encode(state)
        let temporary = directory.appendingPathComponent("state.json.tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        let handle = try FileHandle(forWritingTo: temporary)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, file.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
