import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// CURVE with an allow-list (docs/security.md) on real processes: a keyed bus, storage, decoder and
/// gateway store an honest device's positions, while a pyzmq client with no key or an unlisted
/// key gets nothing off the bus and puts nothing into storage. The same client with a listed key
/// is the control: it shows that each of its paths would have worked.
@Suite(.serialized) struct CurveBusTests {
    static let script = RepositoryPaths.root.appendingPathComponent("Tests/IntegrationTests/python/rogue_bus_client.py")
    static let pyzmq: Bool = {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import zmq; assert zmq.has('curve')"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }()

    final class Pipeline {
        let busPair: CurveKeyPair
        let stagePair: CurveKeyPair
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-curve-\(UUID().uuidString.prefix(8))")
        let apiPort = FreePorts.one()
        let osmandPort = FreePorts.one()
        let bus: BusProcess
        let stages: [ChildProcess]

        init() async throws {
            busPair = try CurveKeyPair.generate()
            stagePair = try CurveKeyPair.generate()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let allow = directory.appendingPathComponent("curve-allow")
            try "# the pipeline's stages\n\(stagePair.publicKey)\n".write(to: allow, atomically: true, encoding: .utf8)
            bus = try await BusProcess.start(arguments: ["--curve-allow", allow.path], environment: [
                "TW_CURVE_PUBLIC_KEY": busPair.publicKey, "TW_CURVE_SECRET_KEY": busPair.secretKey,
            ])
            let keys = [
                "TW_CURVE_SERVER_KEY": busPair.publicKey, "TW_CURVE_PUBLIC_KEY": stagePair.publicKey, "TW_CURVE_SECRET_KEY": stagePair.secretKey,
            ]
            let busFlag = ["--bus", bus.address]
            let storage = try await ChildProcess.start("tw-storage", busFlag + [
                "--db", directory.appendingPathComponent("tw.db").path, "--http", "127.0.0.1:\(apiPort)",
                "--instance", "st-\(bus.base)", "--batch-age", "50ms",
            ], environment: keys, ready: [.logLine("store queue consumer up")])
            let decoder = try await ChildProcess.start("tw-decoder", busFlag + ["--http", "off", "--instance", "dec-\(bus.base)"],
                                                       environment: keys, ready: [.logLine("decoder up")])
            let gateway = try await ChildProcess.start("tw-gateway", busFlag + [
                "--listen", "osmand:http:\(osmandPort)", "--listen-host", "127.0.0.1", "--http", "off", "--instance", "gw-\(bus.base)",
            ], environment: keys, ready: [.logLine("listening", "osmand:http:")])
            stages = [gateway, decoder, storage]
        }

        deinit {
            for process in stages { process.stop() }
            bus.stop()
            try? FileManager.default.removeItem(at: directory)
        }

        /// How many positions storage's API lists for `device`.
        func stored(_ device: String) -> Int {
            guard let response = LocalHTTP.get(port: apiPort, "/api/positions?device=\(device)"), response.status == 200,
                  let json = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] else { return -1 }
            return (json["positions"] as? [Any])?.count ?? -1
        }

        /// Runs the pyzmq client with `pair` (none: plaintext) pushing a forged position of `device`.
        func client(_ pair: CurveKeyPair?, forging device: String, pull: Bool) async throws -> [String: Int] {
            let forged = Position.with {
                $0.deviceID = device
                $0.protocol = "osmand"
                $0.fixTimeMs = Int64(Date().timeIntervalSince1970 * 1000)
                $0.latitude = 1
                $0.longitude = 2
                $0.valid = true
            }
            let bytes: [UInt8] = try forged.serializedBytes()
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            // Keys as --flag=KEY: a Z85 key may begin with '-', which argparse would take for a flag.
            var arguments = ["python3", CurveBusTests.script.path, "--base", "\(bus.base)", "--server-key=\(busPair.publicKey)",
                             "--store-topic", Topic.position(device: device), "--store-body", hex, "--command-topic", "cmd.\(device)",
                             "--seconds", "3"]
            if let pair { arguments += ["--public=\(pair.publicKey)", "--secret=\(pair.secretKey)"] }
            if pull { arguments.append("--pull") }
            let python = try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), arguments)
            #expect(await python.waitForExit(timeout: .seconds(20)) == .exited(0), "python: \(python.stderr)")
            let line = python.lines().last ?? "{}"
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Int] ?? [:]
        }
    }

    @Test(.enabled(if: pyzmq, "needs python3 with pyzmq (CURVE): run scripts/install-deps.sh"))
    func curveBus_refusesClientsWithoutAListedKey_whileKeyedStagesStoreAnHonestDevice() async throws {
        let pipeline = try await Pipeline()
        let fix = Int64(Date().timeIntervalSince1970 * 1000)
        let request = "/?id=curve-honest&lat=48.1&lon=11.5&timestamp=\(fix)"
        let sent = await eventually(timeout: .seconds(15)) { LocalHTTP.get(port: pipeline.osmandPort, request)?.status == 200 }
        #expect(sent, "the gateway took the honest position")
        #expect(await eventually(timeout: .seconds(20)) { pipeline.stored("curve-honest") == 1 }, "the keyed pipeline stored it")

        let plaintext = try await pipeline.client(nil, forging: "curve-forged-plain", pull: true)
        let unlisted = try await pipeline.client(try CurveKeyPair.generate(), forging: "curve-forged-unlisted", pull: true)
        for (name, counts) in [("no key", plaintext), ("unlisted key", unlisted)] {
            #expect(counts["subscribed"] == 0, "\(name): read the broadcast channel: \(counts)")
            #expect(counts["pulled"] == 0, "\(name): took frames or store records: \(counts)")
            #expect((counts["pushed"] ?? 0) > 0 && (counts["published"] ?? 0) > 0, "\(name): the client did try: \(counts)")
        }
        let refusals = pipeline.bus.process.lines(.stdout) + pipeline.bus.process.lines(.stderr)
        #expect(refusals.contains { $0.contains("CURVE client refused") && $0.contains("address=127.0.0.1") }, "the bus logged the unlisted key")

        // The control: the same client with the stages' listed key reads and writes the bus.
        let listed = try await pipeline.client(pipeline.stagePair, forging: "curve-forged-listed", pull: false)
        #expect((listed["subscribed"] ?? 0) > 0, "a listed key reads the broadcast channel (heartbeats): \(listed)")
        #expect(await eventually(timeout: .seconds(20)) { pipeline.stored("curve-forged-listed") > 0 }, "a listed key's push is stored")
        #expect(pipeline.stored("curve-forged-plain") == 0 && pipeline.stored("curve-forged-unlisted") == 0, "nothing refused was stored")
    }

    @Test func curveBus_withAKeyPairButNoAllowList_refusesToStart() async throws {
        let pair = try CurveKeyPair.generate()
        let bus = try ChildProcess(trackwire: "tw-bus", ["--validate"], environment: [
            "TW_CURVE_PUBLIC_KEY": pair.publicKey, "TW_CURVE_SECRET_KEY": pair.secretKey,
        ])
        #expect(await bus.waitForExit() == .exited(2))
        #expect(bus.stderr.contains("--curve-allow"), "\(bus.stderr)")
    }

    @Test func stage_withAKeyPairButNoServerKey_refusesToStart() async throws {
        let pair = try CurveKeyPair.generate()
        let decoder = try ChildProcess(trackwire: "tw-decoder", ["--validate"], environment: [
            "TW_CURVE_PUBLIC_KEY": pair.publicKey, "TW_CURVE_SECRET_KEY": pair.secretKey,
        ])
        #expect(await decoder.waitForExit() == .exited(2))
        #expect(decoder.stderr.contains("TW_CURVE_SERVER_KEY"), "\(decoder.stderr)")
    }
}
