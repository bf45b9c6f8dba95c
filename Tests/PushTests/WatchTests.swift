@testable import Push
import Testing
import TrackwireProtocol

@Suite struct WatchTests {
    @Test func busPrefixes_forDevices_arePerDeviceTopics() {
        let watch = Watch(devices: ["a"], kinds: try! WatchKinds(names: ["position", "event"]))
        #expect(watch.busPrefixes == [Topic.position(device: "a"), Topic.eventPrefix(device: "a")])
    }

    @Test func busPrefixes_forAll_areTheTopicKinds() {
        #expect(Watch.everything.busPrefixes == ["pos.", "evt.", "ses."])
    }

    @Test func busPrefixes_forOneEventKind_areExactEventTopics() {
        let watch = Watch(devices: ["a"], kinds: try! WatchKinds(names: ["enter"]))
        #expect(watch.busPrefixes == [Topic.event(device: "a", kind: .geofenceEnter)])
    }

    @Test func accepts_filtersByDeviceAndEventKind() {
        let watch = Watch(devices: ["a"], kinds: try! WatchKinds(names: ["position", "overspeed"]))
        #expect(watch.accepts(device: "a", kind: .position, eventKind: nil))
        #expect(!watch.accepts(device: "ab", kind: .position, eventKind: nil))
        #expect(watch.accepts(device: "a", kind: .event, eventKind: "overspeed"))
        #expect(!watch.accepts(device: "a", kind: .event, eventKind: "enter"))
        #expect(!watch.accepts(device: "a", kind: .session, eventKind: nil))
    }

    @Test func kinds_unknownName_throws() {
        #expect(throws: WatchError.self) { try WatchKinds(names: ["teleport"]) }
    }

    @Test func clientRequest_parsesDevicesKindsAndOffsets() throws {
        let request = try ClientRequest(query: ["devices": "a,b", "kinds": "position", "offsets": "a:12,b:3", "epoch": "e1"])
        #expect(request.watch == Watch(devices: ["a", "b"], kinds: WatchKinds(positions: true, sessions: false, events: nil)))
        #expect(request.resume == Resume(offsets: ["a": 12, "b": 3], epoch: "e1"))
    }

    @Test func clientRequest_withoutDevices_watchesEverything() throws {
        #expect(try ClientRequest(query: [:]).watch == .everything)
        #expect(try ClientRequest(query: ["all": ""]).watch == .everything)
    }

    @Test func clientRequest_badOffsets_throws() {
        #expect(throws: WatchError.self) { try ClientRequest(query: ["offsets": "a"]) }
    }

    @Test func controlRequest_parsesWatchAndResume() throws {
        #expect(try ControlRequest(json: #"{"type":"watch","devices":["x"],"kinds":["event"]}"#)
            == .watch(Watch(devices: ["x"], kinds: .allEvents)))
        #expect(try ControlRequest(json: #"{"type":"resume","offsets":{"x":4},"epoch":"e"}"#)
            == .resume(Resume(offsets: ["x": 4], epoch: "e")))
        #expect(throws: WatchError.self) { try ControlRequest(json: #"{"type":"dance"}"#) }
    }

    @Test func webhookSpec_parsesKindsFromTheFragment() throws {
        let spec = try WebhookSpec(parsing: "http://h:1/hook#kinds=enter,position")
        #expect(spec.url == "http://h:1/hook")
        #expect(spec.kinds == WatchKinds(positions: true, sessions: false, events: ["enter"]))
        #expect(try WebhookSpec(parsing: "https://h/x").kinds == .allEvents)
        #expect(throws: (any Error).self) { try WebhookSpec(parsing: "ftp://h/x") }
    }
}
