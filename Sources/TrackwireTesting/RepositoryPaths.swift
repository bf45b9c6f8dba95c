import Foundation

/// Where things are in the checkout this code was compiled from.
public enum RepositoryPaths {
    /// The repository root (the folder holding Package.swift and Sources); the current directory
    /// when the program runs away from its checkout.
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: url.appendingPathComponent("Sources").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()
}
