import Foundation
import TrackwireRuntime
import ZMQ

/// How one push process is wired and bounded. Each field is documented where `PushCommand` reads it.
public struct PushConfiguration: Sendable, Equatable {
    /// Where to subscribe (SUB): the bus's broadcast-out.
    public var subscribe: String
    /// Where to publish `err.push` rejects (PUB): the bus's broadcast-in.
    public var publish: String
    /// Messages kept per device for reconnecting clients.
    public var historyPerDevice = 100
    /// How long push keeps listening to a device after its last watcher left, so a client that
    /// reconnects within it resumes without a gap.
    public var resumeWindow = ConfigDuration(milliseconds: 300_000)
    /// Live messages waiting for one client before it counts as too slow and is disconnected.
    public var clientQueue = 4096
    /// The tokens `/`, `/ws` and `/sse` accept; none configured: open.
    public var tokens = APITokens.none
    /// Origins besides push's own whose pages may open `/ws` (`--allowed-origins`).
    public var allowedOrigins: Set<String> = []
    /// Where the live map loads raster tiles (`{z}/{x}/{y}`); empty: no tiles.
    public var tileURL = ""
    /// The storage API push forwards the live map's `GET /api/...` to (`http://127.0.0.1:8082`);
    /// empty: no history, fences or stored events on the map.
    public var apiURL = ""
    /// The storage API's bearer token, sent with every forwarded request; empty: none.
    public var apiToken = ""
    /// The webhooks, each with what it receives.
    public var webhooks: [WebhookSpec] = []
    /// The durable outbox's SQLite file.
    public var outboxPath = "data/push-outbox.sqlite"
    /// Deliveries kept per webhook while its receiver is down; beyond it the oldest are dropped.
    public var outboxLimit = 100_000
    /// The first retry's delay; it doubles per failed attempt, with jitter, up to `retryMax`.
    public var retryBase = ConfigDuration(milliseconds: 250)
    public var retryMax = ConfigDuration(milliseconds: 30_000)
    /// How long one webhook request may take.
    public var webhookTimeout = ConfigDuration(milliseconds: 10_000)
    /// How often the bus thread wakes to apply subscription changes when nothing arrives.
    public var pollIntervalMs = 20

    public init(bus: BusEndpoints) {
        subscribe = bus.broadcastOut
        publish = bus.broadcastIn
    }

    /// Checks endpoints and bounds; throws `ConfigurationError`.
    public func validate() throws {
        for (flag, value) in [("subscribe", subscribe), ("publish", publish)] {
            do {
                _ = try Endpoints(value, defaultAction: .connect)
            } catch {
                throw ConfigurationError("--\(flag): \(error.description)")
            }
        }
        guard historyPerDevice > 0, clientQueue > 0, outboxLimit > 0 else {
            throw ConfigurationError("--history, --client-queue and --outbox-limit must be positive")
        }
        guard retryBase.milliseconds > 0, retryMax.milliseconds >= retryBase.milliseconds else {
            throw ConfigurationError("--retry-base must be positive and at most --retry-max")
        }
        if !apiURL.isEmpty {
            guard let url = URL(string: apiURL), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                  url.path.isEmpty || url.path == "/" else {
                throw ConfigurationError("--api '\(apiURL)' must be the storage API's base URL, like http://127.0.0.1:8082")
            }
        }
        guard Set(webhooks.map(\.url)).count == webhooks.count else {
            throw ConfigurationError("--webhook: the same URL is given twice")
        }
    }
}

/// One `--webhook`: `URL` or `URL#kinds=enter,exit,position`. The fragment never reaches the
/// receiver (HTTP clients do not send fragments), so it carries push's own filter. Without kinds a
/// webhook receives every event (not positions: at fleet rates they would swamp most receivers).
public struct WebhookSpec: Sendable, Equatable {
    /// The URL requests go to (without the fragment).
    public var url: String
    /// What it receives, for all devices.
    public var kinds: WatchKinds

    public init(url: String, kinds: WatchKinds = .allEvents) {
        self.url = url
        self.kinds = kinds
    }

    /// Parses `URL[#kinds=a,b]`.
    public init(parsing text: String) throws {
        let pieces = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let url = String(pieces[0])
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host?.isEmpty == false else {
            throw ConfigurationError("--webhook '\(text)' must be an http(s) URL, optionally followed by #kinds=event,position,...")
        }
        var kinds = WatchKinds.allEvents
        if pieces.count == 2 {
            guard pieces[1].hasPrefix("kinds=") else {
                throw ConfigurationError("--webhook '\(text)': the part after # must be kinds=a,b")
            }
            do {
                kinds = try WatchKinds(names: pieces[1].dropFirst(6).split(separator: ",").map(String.init))
            } catch {
                throw ConfigurationError("--webhook '\(text)': \(error.description)")
            }
        }
        self.init(url: url, kinds: kinds)
    }
}
