// swift-tools-version: 6.0
import PackageDescription

/// Release builds of the decoder's hot path (the generated messages, the hand-written encoders and
/// the codecs) skip the runtime exclusivity checks: every field of a generated message lives in a
/// class, so each read and write was a `swift_beginAccess`, about 10 % of `tw bench decode` in
/// perf (docs/benchmarks/README.md). Debug builds, which run the tests, keep the checks.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "trackwire",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tw-bus", targets: ["tw-bus"]),
        .executable(name: "tw-gateway", targets: ["tw-gateway"]),
        .executable(name: "tw-decoder", targets: ["tw-decoder"]),
        .executable(name: "tw-geofence", targets: ["tw-geofence"]),
        .executable(name: "tw-storage", targets: ["tw-storage"]),
        .executable(name: "tw-push", targets: ["tw-push"]),
        .executable(name: "tw", targets: ["tw"]),
        .library(name: "ZMQ", targets: ["ZMQ"]),
        .library(name: "TrackwireProtocol", targets: ["TrackwireProtocol"]),
        .library(name: "Codecs", targets: ["Codecs"]),
        // tw's products: the bus tools (tap, top, status, publish, keygen) and the benchmarks,
        // which drive the stages through their public API; the test kit they share with the tests.
        .library(name: "BusTools", targets: ["BusTools"]),
        .library(name: "Benchmarks", targets: ["Benchmarks"]),
        .library(name: "Simulator", targets: ["Simulator"]),
        .library(name: "TrackwireTesting", targets: ["TrackwireTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: Foundation
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(name: "ZMQ", dependencies: ["CZeroMQ"]),
        .target(
            name: "TrackwireProtocol",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Generated/README.md"],
            swiftSettings: hotPath
        ),
        .target(
            name: "Codecs",
            dependencies: ["TrackwireProtocol", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: hotPath
        ),
        .target(
            name: "TrackwireRuntime",
            dependencies: [
                "ZMQ",
                "TrackwireProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: Stages (all logic, testable)
        .target(name: "Bus", dependencies: ["TrackwireRuntime", .product(name: "UnixSignals", package: "swift-service-lifecycle")]),
        .target(
            name: "Gateway",
            dependencies: [
                "TrackwireRuntime",
                "Codecs",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "Decoder", dependencies: ["TrackwireRuntime", "Codecs"]),
        .target(
            name: "Geofence",
            dependencies: ["TrackwireRuntime", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .target(
            name: "Storage",
            dependencies: [
                "TrackwireRuntime",
                "Codecs",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "Push",
            dependencies: [
                "TrackwireRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            // The live map's page, style and scripts, compiled into the binary (no files at run time).
            resources: ["index.html", "map.css", "app.js", "connection.js", "view.js", "background.js", "fleet.js", "fences.js", "list.js",
                        "details.js", "history.js", "feed.js", "world.js"].map { Resource.embedInCode("LiveMap/" + $0) }
        ),
        // MARK: Operator products (tw's subcommands)
        .target(
            name: "BusTools",
            dependencies: [
                "TrackwireRuntime",
                "TrackwireProtocol",
                "ZMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "Benchmarks",
            dependencies: [
                "BusTools",
                "TrackwireTesting",
                "Codecs",
                "Decoder",
                "Gateway",
                "Geofence",
                "Storage",
                "Push",
                "TrackwireProtocol",
                "ZMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // The simulator (Sim/) lives here until it moves to a library of its own; OperatorMain and
        // TW assemble the subcommands of every operator product.
        .target(
            name: "Simulator",
            dependencies: [
                "BusTools",
                "TrackwireRuntime",
                "Codecs",
                "TrackwireProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Operator",
            dependencies: [
                "BusTools",
                "Benchmarks",
                "Simulator",
                "TrackwireRuntime",
                "Gateway",
                "Codecs",
                "TrackwireProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // MARK: Test kit (processes on free ports, readiness, eventually, PostgreSQL): tests and
        // benchmarks start the pipeline the same way
        .target(name: "TrackwireTesting", dependencies: ["ZMQ", "TrackwireProtocol"]),

        // MARK: Thin executables
        .executableTarget(name: "tw-bus", dependencies: ["Bus"]),
        .executableTarget(name: "tw-gateway", dependencies: ["Gateway"]),
        .executableTarget(name: "tw-decoder", dependencies: ["Decoder"]),
        .executableTarget(name: "tw-geofence", dependencies: ["Geofence"]),
        .executableTarget(name: "tw-storage", dependencies: ["Storage"]),
        .executableTarget(name: "tw-push", dependencies: ["Push"]),
        .executableTarget(name: "tw", dependencies: ["Operator"]),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: ["TrackwireProtocol", "TrackwireTesting"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "ZMQTests", dependencies: ["ZMQ", "TrackwireTesting"]),
        .testTarget(name: "BusTests", dependencies: ["Bus", "TrackwireRuntime", "TrackwireTesting"]),
        .testTarget(name: "TrackwireProtocolTests", dependencies: ["TrackwireProtocol", "TrackwireTesting"]),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "TrackwireRuntimeTests", dependencies: [
            "TrackwireRuntime", "TrackwireTesting", "ZMQ", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "DecoderTests", dependencies: ["Decoder", "TestSupport", "TrackwireTesting", "ZMQ", "TrackwireProtocol"]),
        .testTarget(name: "BusToolsTests", dependencies: ["BusTools", "TrackwireProtocol"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "TestSupport", "TrackwireTesting"]),
        .testTarget(name: "OperatorTests", dependencies: ["Operator", "Simulator", "BusTools", "Benchmarks", "Codecs", "TrackwireProtocol", "ZMQ", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "IntegrationTests", dependencies: ["TestSupport", "TrackwireTesting", "TrackwireProtocol", "ZMQ"]),
        .testTarget(name: "PipelineTests", dependencies: ["Codecs", "TestSupport", "TrackwireTesting", "TrackwireProtocol", "ZMQ"]),
        .testTarget(name: "GeofenceTests", dependencies: ["Geofence", "Benchmarks", "TrackwireTesting", "TrackwireProtocol", "ZMQ"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TrackwireTesting", "TrackwireProtocol", "ZMQ", .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "PushTests", dependencies: [
            "Push", "BusTools", "TrackwireTesting", "TrackwireProtocol", "ZMQ",
            .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway", "Codecs", "TestSupport", "TrackwireTesting", "TrackwireProtocol", "ZMQ"]),
    ]
)
