import ArgumentParser
import BusTools
import Foundation

/// `tw bench geofence`: fence load time and point checks/s of one core on synthetic polygon fences.
struct BenchGeofenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geofence",
        abstract: "Measure fence load time and point checks/s (R-tree + exact test) of one core on polygon fences."
    )

    @Option(help: "Polygon fences to load.")
    var fences = 10_000
    @Option(help: "Vertices per fence.")
    var vertices = 50
    @Option(help: "Point checks to time.")
    var checks = 2_000_000

    func validate() throws {
        guard fences > 0, vertices >= 3, checks > 0 else { throw ValidationError("--fences and --checks must be positive, --vertices at least 3") }
    }

    func run() throws {
        let (fences, vertices, checks) = (self.fences, self.vertices, self.checks)
        let progress = ProgressTimer { "bench geofence: \(fences) fences, \(checks) checks, \(Int($0.inSeconds)) s" }
        defer { progress.stop() }
        let result = try GeofenceBenchmark.run(fences: fences, vertices: vertices, checks: checks)
        Output.line(String(format: "geofence load: %d fences of %d vertices in %.0f ms (GeoJSON parse %.0f ms, R-tree build %.0f ms)",
                           result.fences, result.vertices, result.loadSeconds * 1000, result.parseSeconds * 1000, result.indexSeconds * 1000))
        Output.line(String(format: "geofence checks: %.0f point checks/s on one core (%d checks, %d fence hits, %.2f s); target >= 1000000",
                           result.checksPerSecond, result.checks, result.hits, result.checkSeconds))
        Output.line(String(format: "baseline, every fence tested without the index: %.0f point checks/s (%d points, %d hits, the index found %d); ratio index/scan %.0f",
                           result.scanChecksPerSecond, result.scanChecks, result.scanHits, result.indexedHitsOnScanPoints,
                           result.checksPerSecond / max(result.scanChecksPerSecond, 1e-9)))
        Output.line(String(format: "geofence detector: %.0f positions/s on one core through the full state machine (%d positions, 1000 devices)",
                           result.positionsPerSecond, result.positions))
    }
}
