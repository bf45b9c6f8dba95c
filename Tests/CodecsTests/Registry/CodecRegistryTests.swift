import Codecs
import Foundation
import Testing
import TestSupport
import TrackwireProtocol

/// A protocol is one folder: these tests fail when a folder is not registered, or a registered
/// protocol lacks what every protocol has (captures, a golden file, a simulated device, its wire
/// facts), or its descriptor says something its codec does not do.
@Suite struct CodecRegistryTests {
    static let names = CodecRegistry.descriptors.map(\.name)

    @Test func everyProtocolFolder_isRegistered() throws {
        let folder = RepositoryPaths.root.appendingPathComponent("Sources/Codecs")
        let protocolFolders = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0 != "Common" && !$0.hasPrefix(".") }
        #expect(!protocolFolders.isEmpty)
        for name in protocolFolders {
            #expect(CodecRegistry.codec(named: name.lowercased()) != nil, "Sources/Codecs/\(name) is not in CodecRegistry's list")
        }
        #expect(Set(protocolFolders.map { $0.lowercased() }) == Set(Self.names))
    }

    @Test(arguments: names)
    func everyProtocol_hasCapturesAGoldenFileASimulatedDeviceAndItsWireFacts(_ name: String) throws {
        let descriptor = try #require(CodecRegistry.descriptor(named: name))
        #expect(!Captures.of(name).isEmpty, "\(name): no captures in either fixtures file")
        #expect(FileManager.default.fileExists(atPath: GoldenFiles.url(name).path), "\(name): no golden file; run make golden")
        let device = try #require(descriptor.simulator?("127.0.0.1"), "\(name): no simulated device")
        #expect(device.name == name)
        let facts = RepositoryPaths.root.appendingPathComponent(descriptor.wireFactsPath)
        #expect(FileManager.default.fileExists(atPath: facts.path), "\(name): no \(descriptor.wireFactsPath)")
    }

    @Test func names_andDefaultPorts_areDistinct() {
        let descriptors = CodecRegistry.descriptors
        #expect(Set(descriptors.map(\.name)).count == descriptors.count)
        #expect(Set(descriptors.map(\.defaultPort)).count == descriptors.count)
        #expect(descriptors.allSatisfy { $0.name == $0.name.lowercased() && !$0.title.isEmpty && (1...65535).contains($0.defaultPort) })
    }

    @Test func everyCapturedProtocolOfTheFirstFile_isRegistered() {
        #expect(Set(Captures.all.map(\.protocol)).isSubset(of: Set(Self.names)))
    }

    @Test(arguments: names)
    func optionsNamedByCaptureNotes_areDeclaredByTheirProtocol(_ name: String) throws {
        let descriptor = try #require(CodecRegistry.descriptor(named: name))
        for capture in Captures.of(name) where !capture.listenerOptions.isEmpty {
            #expect(throws: Never.self, "\(capture)") { try descriptor.validate(options: capture.listenerOptions) }
        }
    }

    @Test(arguments: names)
    func declaredCommandTypes_encode_andNoOtherTypeDoes(_ name: String) throws {
        let descriptor = try #require(CodecRegistry.descriptor(named: name))
        let encoder = CodecRegistry.codec(named: name) as? any CommandEncoding
        #expect(descriptor.commandTypes.isEmpty == (encoder == nil), "\(name): command types and CommandEncoding disagree")
        guard let encoder else { return }
        for type in descriptor.commandTypes {
            #expect(CommandSamples.encodes(type, with: encoder), "\(name) declares \(type) but cannot encode it")
        }
        let undeclared = Set(CodecRegistry.descriptors.flatMap(\.commandTypes) + ["frobnicate"]).subtracting(descriptor.commandTypes)
        for type in undeclared.sorted() {
            #expect(!CommandSamples.encodes(type, with: encoder), "\(name) encodes \(type) without declaring it")
        }
    }
}

/// Commands with every parameter some protocol needs, tried in each protocol's forms.
enum CommandSamples {
    static let params = [
        "frequency": "60", "phone": "+4915112345678", "server": "10.0.0.1", "port": "5000", "index": "1", "data": "1",
        "enable": "true", "timezone": "Europe/Berlin", "message": "hello", "language": "1", "password": "123456", "radius": "1000",
    ]

    /// Whether `encoder` can express `type` in its standard form or its alternative one.
    static func encodes(_ type: String, with encoder: any CommandEncoding) -> Bool {
        let alternatives: [(options: [String: String], params: [String: String])] = [
            ([:], [:]), (["Alternative": "true", "alternative": "true"], ["alternative": "true"]),
        ]
        return alternatives.contains { alternative in
            let command = Command.with {
                $0.type = type
                $0.deviceID = "123456789012345"
                $0.text = type == "voice_message" ? "2321414d52" : "1"
                $0.params = params.merging(alternative.params) { $1 }
                $0.createdMs = 1_700_000_000_000
            }
            let context = SessionContext(deviceId: "123456789012345", options: alternative.options)
            return (try? encoder.encode(command, context: context)) != nil
        }
    }
}

/// Listener options are checked against what each protocol declares.
@Suite struct ProtocolDescriptorOptionTests {
    let gt06 = GT06Codec.descriptor

    @Test func validate_acceptsDeclaredKeysInAnyCase() throws {
        try gt06.validate(options: ["modeloverride": "VL103", "Alternative": "TRUE"])
    }

    @Test func validate_whenKeyUnknown_namesTheKnownKeys() {
        #expect(throws: CodecOptionError.self) { try gt06.validate(options: ["Frobnicate": "1"] ) }
        let error = #expect(throws: CodecOptionError.self) { try gt06.validate(options: ["Frobnicate": "1"]) }
        #expect(error?.description.contains("ModelOverride") == true)
    }

    @Test func validate_whenValueOfTheWrongKind_refusesIt() {
        #expect(throws: CodecOptionError.self) { try gt06.validate(options: ["Alternative": "maybe"]) }
        #expect(throws: CodecOptionError.self) { try OsmAndCodec.descriptor.validate(options: ["Speed": "furlongs"]) }
        #expect(throws: CodecOptionError.self) { try SuntechCodec.descriptor.validate(options: ["ProtocolType": "one"]) }
    }

    @Test func flagOption_readsTrueOneAndYes_andNothingElse() {
        let option = CodecOption("Ack", .flag, "test")
        #expect(["true", "1", "YES"].allSatisfy { option.isOn(in: ["ack": $0]) })
        #expect(!option.isOn(in: ["Ack": "no"]) && !option.isOn(in: [:]) && !option.isOn(in: ["Ack": "maybe"]))
    }
}
