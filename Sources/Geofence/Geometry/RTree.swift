/// A static R-tree over boxes, bulk-loaded by Sort-Tile-Recursive (Leutenegger et al., 1997) and
/// stored flat: level 0 holds the items' boxes in STR order, and node `n` of level `l + 1` covers
/// entries `n * fanout ..< (n + 1) * fanout` of level `l`. Queries walk it with a small stack and
/// no allocation beyond the caller's result buffer. Rebuilt, not updated, when the items change.
public struct RTree: Sendable {
    /// Children per node.
    public let fanout: Int
    /// Boxes per level, leaves (the items) first, flattened as minLat, maxLat, minLon, maxLon.
    private let levels: [[Double]]
    /// The item number of each leaf entry.
    private let items: [Int32]

    /// A tree over `entries` (an item number and its box; an item may appear under several boxes).
    public init(_ entries: [(item: Int32, box: GeoBox)], fanout: Int = 16) {
        precondition(fanout >= 2, "an R-tree node needs at least two children")
        self.fanout = fanout
        let ordered = Self.strOrder(entries, fanout: fanout)
        items = ordered.map(\.item)
        var levels = [ordered.flatMap { [$0.box.minLatitude, $0.box.maxLatitude, $0.box.minLongitude, $0.box.maxLongitude] }]
        while levels[levels.count - 1].count / 4 > fanout {
            levels.append(Self.parents(of: levels[levels.count - 1], fanout: fanout))
        }
        self.levels = levels
    }

    /// How many entries the tree holds.
    public var count: Int { items.count }

    /// Appends to `result` the item of every entry whose box contains the point (longitude within
    /// ±180). Items indexed under two boxes that both hold the point appear twice.
    public func search(latitude: Double, longitude: Double, into result: inout [Int32]) {
        search(into: &result) { boxes, at in
            boxes[at] <= latitude && latitude <= boxes[at + 1] && boxes[at + 2] <= longitude && longitude <= boxes[at + 3]
        }
    }

    /// Appends to `result` the item of every entry whose box intersects `query`.
    public func search(intersecting query: GeoBox, into result: inout [Int32]) {
        search(into: &result) { boxes, at in
            boxes[at] <= query.maxLatitude && query.minLatitude <= boxes[at + 1]
                && boxes[at + 2] <= query.maxLongitude && query.minLongitude <= boxes[at + 3]
        }
    }

    /// `hits(boxes, offset)` says whether the box at `offset` of a level matches.
    @inline(__always)
    private func search(into result: inout [Int32], _ hits: (UnsafeBufferPointer<Double>, Int) -> Bool) {
        guard !items.isEmpty else { return }
        let top = levels.count - 1
        visit(level: top, entries: 0 ..< levels[top].count / 4, into: &result, hits)
    }

    private func visit(level: Int, entries: Range<Int>, into result: inout [Int32], _ hits: (UnsafeBufferPointer<Double>, Int) -> Bool) {
        levels[level].withUnsafeBufferPointer { boxes in
            for entry in entries where hits(boxes, entry * 4) {
                if level == 0 {
                    result.append(items[entry])
                } else {
                    let children = entry * fanout ..< min((entry + 1) * fanout, levels[level - 1].count / 4)
                    visit(level: level - 1, entries: children, into: &result, hits)
                }
            }
        }
    }

    /// Sort-Tile-Recursive: sort by longitude centre into vertical slices of about √(n/fanout)
    /// nodes' worth, then each slice by latitude centre, so each run of `fanout` entries is compact.
    private static func strOrder(_ entries: [(item: Int32, box: GeoBox)], fanout: Int) -> [(item: Int32, box: GeoBox)] {
        let nodes = (entries.count + fanout - 1) / fanout
        let slices = max(1, Int(Double(nodes).squareRoot().rounded(.up)))
        let perSlice = slices * fanout
        let byLongitude = entries.sorted { $0.box.minLongitude + $0.box.maxLongitude < $1.box.minLongitude + $1.box.maxLongitude }
        return stride(from: 0, to: byLongitude.count, by: perSlice).flatMap { start in
            byLongitude[start ..< min(start + perSlice, byLongitude.count)]
                .sorted { $0.box.minLatitude + $0.box.maxLatitude < $1.box.minLatitude + $1.box.maxLatitude }
        }
    }

    /// The boxes of the level above: each the union of `fanout` consecutive boxes.
    private static func parents(of boxes: [Double], fanout: Int) -> [Double] {
        var parents: [Double] = []
        let count = boxes.count / 4
        for start in stride(from: 0, to: count, by: fanout) {
            var box = [Double.infinity, -.infinity, Double.infinity, -.infinity]
            for entry in start ..< min(start + fanout, count) {
                box[0] = min(box[0], boxes[entry * 4])
                box[1] = max(box[1], boxes[entry * 4 + 1])
                box[2] = min(box[2], boxes[entry * 4 + 2])
                box[3] = max(box[3], boxes[entry * 4 + 3])
            }
            parents += box
        }
        return parents
    }
}
