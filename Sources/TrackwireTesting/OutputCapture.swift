import Foundation

/// Collects a pipe's bytes on Foundation's reader thread, copying them to a log file when given one.
final class OutputCapture: @unchecked Sendable {
    let pipe = Pipe()
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var finished = false

    init(copyTo log: FileHandle? = nil) {
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if !data.isEmpty { log?.write(data) }
            self?.append(data)
            if data.isEmpty { handle.readabilityHandler = nil }
        }
    }

    /// Creates (or empties) `url` and opens it for appending.
    static func openLog(_ url: URL) throws -> FileHandle {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        return try FileHandle(forWritingTo: url)
    }

    private func append(_ data: Data) {
        lock.withLock {
            if data.isEmpty { finished = true } else { bytes.append(contentsOf: data) }
        }
    }

    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

    var isFinished: Bool { lock.withLock { finished } }
}
