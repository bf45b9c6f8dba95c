import Foundation

/// Finds the package's built executables for tests that run them: in `$TW_BIN_DIR` if set, else
/// beside the running test bundle (on Linux `.build/debug/<package>PackageTests.xctest` sits next
/// to the products), else in `.build/debug` under the repository root.
public enum Executables {
    /// Where executables are looked for, in order.
    public static let directories: [URL] = {
        if let path = ProcessInfo.processInfo.environment["TW_BIN_DIR"], !path.isEmpty {
            return [URL(fileURLWithPath: path)]
        }
        return [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            RepositoryPaths.root.appendingPathComponent(".build/debug"),
        ].compactMap { $0 }
    }()

    /// The executable `name`: the first directory that has it (the last one if none does, so a
    /// failure names a sensible path).
    public static func url(_ name: String) -> URL {
        let candidates = directories.map { $0.appendingPathComponent(name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    /// Whether `name` has been built.
    public static func exists(_ name: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: url(name).path)
    }
}
