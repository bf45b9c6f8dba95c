import AsyncHTTPClient
import Foundation
import Logging
import TrackwireRuntime

/// Where the fences come from at start: nowhere (only `cfg.geofence` changes), a GeoJSON file,
/// or the storage API's `GET /api/geofences` (a GeoJSON FeatureCollection).
public enum FenceSource: Sendable, Equatable, CustomStringConvertible {
    case none
    case file(String)
    case url(String)

    /// Where, in words: `nowhere`, the file's path or the URL.
    public var description: String {
        switch self {
        case .none: "nowhere (only cfg.geofence changes)"
        case .file(let path): path
        case .url(let url): url
        }
    }

    /// The largest fence document accepted (10 k fences of 50 vertices are about 10 MB).
    static let maximumBytes = 256 << 20

    /// Throws `ConfigurationError` for a missing file or a URL that is not http(s).
    func validate() throws {
        switch self {
        case .none: break
        case .file(let path):
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ConfigurationError("--geofences '\(path)' is not a readable file")
            }
        case .url(let text):
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError("--geofences-from '\(text)' is not an http(s) URL")
            }
        }
    }

    /// Reads the fences. Features that cannot be used are logged and returned as problems; a
    /// document that cannot be read or is not GeoJSON throws. The storage API is retried until
    /// `patience` has passed, since it may start after this stage; `token` is sent as a bearer
    /// token when the API needs one.
    func load(patience: Duration, token: String? = nil, logger: Logger) async throws -> (fences: [Fence], problems: [FenceError]) {
        switch self {
        case .none:
            return ([], [])
        case .file(let path):
            return try GeoJSONFence.collection(try Data(contentsOf: URL(fileURLWithPath: path)))
        case .url(let url):
            return try GeoJSONFence.collection(try await Self.fetch(url, patience: patience, token: token, logger: logger))
        }
    }

    /// `GET url`, retried with back-off until it answers 200 or `patience` has passed.
    static func fetch(_ url: String, patience: Duration, token: String? = nil, logger: Logger) async throws -> Data {
        let deadline = ContinuousClock.now + patience
        var delay = Duration.milliseconds(200)
        while true {
            do {
                return try await get(url, token: token)
            } catch let error as FenceSourceError where error.isUnauthorized {
                throw FenceSourceError("cannot load fences from \(url): \(error) (set --api-token / TW_API_TOKEN to the storage API's token)")
            } catch {
                guard ContinuousClock.now + delay < deadline else {
                    throw FenceSourceError("cannot load fences from \(url): \(error)")
                }
                logger.warning("fences not loaded yet, retrying", metadata: ["url": "\(url)", "error": "\(error)", "retry_in": "\(delay)"])
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    private static func get(_ url: String, token: String?) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/geo+json, application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: maximumBytes)
        guard response.status == .ok else {
            throw FenceSourceError("HTTP \(response.status.code) \(response.status.reasonPhrase)", isUnauthorized: [401, 403].contains(response.status.code))
        }
        return Data(body.readableBytesView)
    }
}

/// The fences could not be loaded at start.
public struct FenceSourceError: Error, CustomStringConvertible {
    public let description: String
    /// The API refused the token (or its absence): retrying will not help.
    let isUnauthorized: Bool
    init(_ description: String, isUnauthorized: Bool = false) {
        self.description = description
        self.isUnauthorized = isUnauthorized
    }
}
