/// The fence set and its spatial index: an STR-packed R-tree over the fences' boxes, with an exact
/// re-check of each candidate's shape. Changes mark the tree stale; the next query rebuilds it,
/// so a burst of `cfg.geofence` changes costs one rebuild.
public struct FenceIndex: Sendable {
    private var byID: [String: Fence] = [:]
    /// The fences in tree order; tree items are positions in this array.
    private var ordered: [Fence] = []
    /// `ordered`'s shapes, apart, so the exact test touches only what it needs.
    private var shapes: [FenceShape] = []
    private var tree = RTree([])
    private var isStale = false

    /// An empty index.
    public init() {}

    /// An index of `fences` (later duplicates of an id win).
    public init(_ fences: [Fence]) {
        for fence in fences { byID[fence.id] = fence }
        isStale = true
    }

    /// How many fences there are.
    public var count: Int { byID.count }

    /// The fence with an id.
    public subscript(id: String) -> Fence? { byID[id] }

    /// Every fence id.
    public var ids: Dictionary<String, Fence>.Keys { byID.keys }

    /// Adds or replaces a fence; `false` (nothing changed) if the known one is newer.
    @discardableResult
    public mutating func upsert(_ fence: Fence) -> Bool {
        if let known = byID[fence.id], known.updatedMs > fence.updatedMs { return false }
        byID[fence.id] = fence
        isStale = true
        return true
    }

    /// Removes a fence; `false` if there was none, or the known one changed after `updatedMs`.
    @discardableResult
    public mutating func remove(id: String, updatedMs: Int64 = 0) -> Bool {
        guard let known = byID[id], updatedMs == 0 || known.updatedMs <= updatedMs else { return false }
        byID[id] = nil
        isStale = true
        return true
    }

    /// The fence at a position returned by `containing` or `crossed`.
    public func fence(at position: Int32) -> Fence { ordered[Int(position)] }

    /// Positions of the fences that contain the point, each once, in `result` (cleared first).
    public mutating func containing(_ point: GeoPoint, into result: inout [Int32]) {
        refresh()
        result.removeAll(keepingCapacity: true)
        let longitude = (-180...180).contains(point.longitude) ? point.longitude : GeoPoint.normalizedLongitude(point.longitude)
        tree.search(latitude: point.latitude, longitude: longitude, into: &result)
        if result.count > 1 { Self.dedupe(&result) }
        result.removeAll { !shapes[Int($0)].contains(point) }
    }

    /// Positions of the fences the straight segment from `a` to `b` touches, each once.
    public mutating func crossed(from a: GeoPoint, to b: GeoPoint, into result: inout [Int32]) {
        refresh()
        result.removeAll(keepingCapacity: true)
        let x = a.longitude
        let box = GeoBox.empty.including(latitude: a.latitude, longitude: x)
            .including(latitude: b.latitude, longitude: x + GeoPoint.longitudeDelta(from: a.longitude, to: b.longitude))
        for part in box.indexBoxes { tree.search(intersecting: part, into: &result) }
        if result.count > 1 { Self.dedupe(&result) }
        result.removeAll { !shapes[Int($0)].isCrossed(from: a, to: b) }
    }

    /// Rebuilds the tree if the fence set changed since it was built.
    public mutating func refresh() {
        guard isStale else { return }
        ordered = byID.values.sorted { $0.id < $1.id }
        shapes = ordered.map(\.shape)
        let entries = ordered.enumerated().flatMap { position, fence in
            fence.shape.indexBoxes.map { (item: Int32(position), box: $0) }
        }
        tree = RTree(entries)
        isStale = false
    }

    private static func dedupe(_ positions: inout [Int32]) {
        positions.sort()
        var last: Int32 = -1
        positions.removeAll { position in
            defer { last = position }
            return position == last
        }
    }
}
