import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

/// Language neutrality: a Python program using only PyPI's pyzmq and protobuf, with code that
/// protoc generates from `protocol/`, publishes a Position that `tw tap` reads back field for field.
@Suite struct PythonInteropTests {
    static let script = RepositoryPaths.root.appendingPathComponent("Tests/IntegrationTests/python/publish_position.py")

    /// protoc, python3, pyzmq and protobuf are all there (scripts/install-deps.sh installs them;
    /// CI runs it). Without them this test is skipped, and the reason shows in the test output.
    static let pythonToolchain: Bool = {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sh", "-c", "command -v protoc && python3 -c 'import zmq, google.protobuf'"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }()

    @Test(.enabled(if: pythonToolchain, "needs protoc, python3, pyzmq and protobuf: run scripts/install-deps.sh"))
    func python_publishedPosition_isTappedWithTheSameFieldValues() async throws {
        let bus = try await BusProcess.start()
        let tap = try tw("tap", "pos.", "--count", "1", "--timeout", "30", "--endpoint", bus.broadcastOut)
        let gen = FileManager.default.temporaryDirectory.appendingPathComponent("tw-python-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: gen) }

        let python = try ChildProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", Self.script.path, "--endpoint", bus.broadcastIn, "--gen", gen.path, "--wait", "20"]
        )

        #expect(await python.waitForExit(timeout: .seconds(30)) == .exited(0), "python stderr: \(python.stderr)")
        #expect(await tap.waitForExit(timeout: .seconds(30)) == .exited(0), "tap stderr: \(tap.stderr)")
        var sent = try TapOutput.position(fromProtobufJSONLine: try #require(python.lines().first))
        sent.position.clearFrame()
        let tapped = try TapOutput.position(fromLine: try #require(tap.lines().first))
        #expect(tapped.topic == sent.topic)
        #expect(sent.topic == Topic.position(device: "py-863286023345490"), "Python and Swift agree on the partition")
        #expect(tapped.position == sent.position)
        #expect(tapped.position.latitude == -33.868820 && tapped.position.attributes["driver"] == .string("Ada"))
    }
}
