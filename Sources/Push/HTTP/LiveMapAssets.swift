import Hummingbird
import NIOCore
import TrackwireProtocol
import TrackwireRuntime

/// The live map's files (`Sources/Push/LiveMap/`, compiled into the binary: nothing is read from
/// disk or fetched from elsewhere at run time): `/` is its page, `/map/<file>` its style sheet and
/// script modules, `/config.json` what the page needs to know about this push.
enum LiveMapAssets {
    /// `/map/<name>` → content type and bytes.
    static let files: [String: (type: String, bytes: ByteBuffer)] = [
        "map.css": ("text/css; charset=utf-8", ByteBuffer(bytes: PackageResources.map_css)),
        "app.js": (javaScript, ByteBuffer(bytes: PackageResources.app_js)),
        "connection.js": (javaScript, ByteBuffer(bytes: PackageResources.connection_js)),
        "view.js": (javaScript, ByteBuffer(bytes: PackageResources.view_js)),
        "background.js": (javaScript, ByteBuffer(bytes: PackageResources.background_js)),
        "fleet.js": (javaScript, ByteBuffer(bytes: PackageResources.fleet_js)),
        "fences.js": (javaScript, ByteBuffer(bytes: PackageResources.fences_js)),
        "list.js": (javaScript, ByteBuffer(bytes: PackageResources.list_js)),
        "details.js": (javaScript, ByteBuffer(bytes: PackageResources.details_js)),
        "history.js": (javaScript, ByteBuffer(bytes: PackageResources.history_js)),
        "feed.js": (javaScript, ByteBuffer(bytes: PackageResources.feed_js)),
        "world.js": (javaScript, ByteBuffer(bytes: PackageResources.world_js)),
    ]
    static let page = ByteBuffer(bytes: PackageResources.index_html)
    private static let javaScript = "text/javascript; charset=utf-8"

    /// Mounts `/`, `/map/{file}` and `/config.json`.
    static func addRoutes(to router: Router<PushRequestContext>, configuration: PushConfiguration, instance: String, auth: PushAuth) {
        router.get("/") { request, _ in
            if case .failure(let refusal) = auth.scope(of: request) { return PushAuth.pageRefusal(request, refusal) }
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"], body: .init(byteBuffer: page))
        }
        router.get("/map/{file}") { _, context -> Response in
            guard let name = context.parameters.get("file"), let file = files[name] else {
                return StorageProxy.error(.notFound, "no such live map file")
            }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "no-cache"], body: .init(byteBuffer: file.bytes))
        }
        let config = ByteBuffer(string: JSONValue.object([
            "instance": .string(instance), "version": .string(TrackwireVersion.current),
            "tile_url": .string(configuration.tileURL), "api": .bool(!configuration.apiURL.isEmpty),
        ]).text)
        router.get("/config.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"], body: .init(byteBuffer: config))
        }
    }
}
