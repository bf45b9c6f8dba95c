import Foundation

/// Finds the package's built executables for the tests and benchmarks that start them: in
/// `$TW_BIN_DIR` if set, else beside the running program (`tw` finds its siblings; on Linux the
/// test bundle `.build/debug/<package>PackageTests.xctest` sits next to the products), else in
/// `.build/debug` under the repository root.
public enum Executables {
    /// Where executables are looked for, in order.
    public static let directories: [URL] = {
        if let path = ProcessInfo.processInfo.environment["TW_BIN_DIR"], !path.isEmpty {
            return [URL(fileURLWithPath: path)]
        }
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return [
            FileManager.default.fileExists(atPath: running.path) ? running.deletingLastPathComponent() : nil,
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            RepositoryPaths.root.appendingPathComponent(".build/debug"),
        ].compactMap { $0 }
    }()

    /// The executable `name`: the first directory that has it (the first one if none does, so a
    /// failure names a sensible path).
    public static func url(_ name: String) -> URL {
        let candidates = directories.map { $0.appendingPathComponent(name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Whether `name` has been built.
    public static func exists(_ name: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: url(name).path)
    }
}
