import ArgumentParser
import Foundation
import TrackwireProtocol
import ZMQ

/// `tw publish TOPIC JSON`: injects one message into the bus, optionally also into the store queue.
public struct PublishCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish one message, given as JSON, on the broadcast channel (and the store queue with --store).",
        discussion: """
            The body's type follows the topic's first word (pos → Position, evt → Event, ...); JSON uses \
            the .proto field names or lowerCamelCase. Before sending, tw waits (up to --wait) until the \
            bus has told it of a subscription covering the topic, so a running `tw tap` never misses it.
            """
    )

    @OptionGroup var host: BusHostOptions

    @Option(help: "Broadcast endpoint to publish at (default: >tcp://<bus>:7100).")
    var endpoint: String?

    @Option(help: "Store queue endpoint for --store (default: >tcp://<bus>:7104).")
    var storeEndpoint: String?

    @Flag(help: "Also push the message on the store queue, so it is persisted.")
    var store = false

    @Option(help: "Seconds to wait for a subscriber (broadcast) and for the store queue's connection.")
    var wait: Double = 2

    @Argument(help: "The topic, e.g. pos.17.123456789012345.")
    var topic: String

    @Argument(help: "The body as JSON, e.g. '{\"device_id\":\"123456789012345\",\"latitude\":52.5}'.")
    var json: String

    public func validate() throws {
        try BusHostOptions.validate(endpoint, flag: "endpoint")
        try BusHostOptions.validate(storeEndpoint, flag: "store-endpoint")
        guard wait > 0 else { throw ValidationError("--wait must be a positive number of seconds") }
        _ = try body()
    }

    /// The protobuf body, or a validation error a person can act on.
    func body() throws -> [UInt8] {
        do {
            return try MessageRegistry.encode(topic: topic, json: json)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Made by ArgumentParser.
    public init() {}

    public func run() throws {
        let envelope = Envelope(topic: topic, body: try body())
        let context = try Context()
        defer { context.terminate() }
        // Each helper closes its socket before returning: `terminate` waits for every socket.
        if store { try pushToStore(envelope, context: context) }
        try broadcast(envelope, context: context)
    }

    private func broadcast(_ envelope: Envelope, context: Context) throws {
        let publisher = try BroadcastPublisher(
            context: context, endpoints: endpoint ?? host.endpoints.broadcastIn, options: host.socketOptions
        )
        if try publisher.publish(envelope, wait: .seconds(wait)) == .noSubscriber {
            FileHandle.standardError.write(Data("tw: publish: nobody subscribes to '\(topic)' on the bus; the broadcast copy reached no one\n".utf8))
        }
    }

    private func pushToStore(_ envelope: Envelope, context: Context) throws {
        let endpoints = storeEndpoint ?? host.endpoints.storeIn
        let socket = try context.socket(.push, endpoints: endpoints, options: host.socketOptions.with { $0.lingerMs = 2_000 })
        defer { socket.close() }
        guard try socket.waitUntilSendable(timeout: .seconds(wait)),
              try socket.send(topic: envelope.topic, body: envelope.body, wait: false) else {
            throw OperatorFailure("publish: the store queue at \(endpoints) did not accept a connection within \(wait) s")
        }
    }
}
