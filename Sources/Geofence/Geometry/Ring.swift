/// One closed ring of a polygon, its edges straight in longitude/latitude as GeoJSON (RFC 7946)
/// defines them. Longitudes are unwrapped so consecutive vertices differ by at most 180°: a ring
/// crossing the antimeridian runs continuously past ±180 (e.g. 170…190). A ring that goes once
/// round a pole is closed through that pole.
public struct Ring: Sendable {
    /// Unwrapped longitudes, closed (the last equals the first).
    let xs: [Double]
    /// Latitudes, closed.
    let ys: [Double]
    /// The ring's box in unwrapped longitudes.
    public let box: GeoBox
    /// Whether the ring encircles a pole (its longitudes span the whole world).
    public let isPolar: Bool

    /// A ring from its vertices in order; closes it if the last vertex is not the first.
    /// Needs at least three distinct vertices.
    public init?(_ points: [GeoPoint]) {
        var vertices = points
        if let first = vertices.first, vertices.last != first { vertices.append(first) }
        guard Set(vertices).count >= 3 else { return nil }
        var xs = [GeoPoint.normalizedLongitude(vertices[0].longitude)]
        for index in 1..<vertices.count {
            xs.append(xs[index - 1] + GeoPoint.longitudeDelta(from: vertices[index - 1].longitude, to: vertices[index].longitude))
        }
        var ys = vertices.map(\.latitude)
        let winding = xs[xs.count - 1] - xs[0]
        isPolar = abs(winding) > 180
        if isPolar {
            // Round a pole: run along the pole's own parallel back to the start. Which pole is not
            // said by the coordinates; the one on the ring's side of the equator is meant.
            let pole: Double = ys.reduce(0, +) >= 0 ? 90 : -90
            xs += [xs[xs.count - 1], xs[0], xs[0]]
            ys += [pole, pole, ys[0]]
        }
        // Keep the ring's west edge within [-180, 180) so that points need at most one shift.
        let shift = ((xs.min()! + 180) / 360).rounded(.down) * 360
        self.xs = xs.map { $0 - shift }
        self.ys = ys
        box = GeoBox(
            minLatitude: ys.min()!, maxLatitude: ys.max()!, minLongitude: self.xs.min()!, maxLongitude: self.xs.max()!
        )
    }

    /// Whether the ring's area contains the point (longitude in any form). Points on an edge may
    /// fall either way.
    public func contains(latitude: Double, longitude: Double) -> Bool {
        guard latitude >= box.minLatitude, latitude <= box.maxLatitude,
              let x = local(longitude) else { return false }
        return xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                var inside = false
                var j = 0
                for i in 1..<xs.count {
                    let (yi, yj) = (ys[i], ys[j])
                    if (yi > latitude) != (yj > latitude) {
                        let crossing = xs[i] + (latitude - yi) * (xs[j] - xs[i]) / (yj - yi)
                        if x < crossing { inside.toggle() }
                    }
                    j = i
                }
                return inside
            }
        }
    }

    /// Whether the straight segment between two points crosses or touches an edge of the ring.
    public func intersectsSegment(from a: GeoPoint, to b: GeoPoint) -> Bool {
        let ax = GeoPoint.normalizedLongitude(a.longitude)
        let bx = ax + GeoPoint.longitudeDelta(from: a.longitude, to: b.longitude)
        for shift in [0.0, 360, -360] {
            let (x1, x2) = (ax + shift, bx + shift)
            guard max(x1, x2) >= box.minLongitude, min(x1, x2) <= box.maxLongitude else { continue }
            for i in 1..<xs.count where Self.segmentsIntersect(x1, a.latitude, x2, b.latitude, xs[i - 1], ys[i - 1], xs[i], ys[i]) {
                return true
            }
        }
        return false
    }

    /// The point's longitude shifted by whole turns into the ring's longitude range; `nil` if none fits.
    @inline(__always) func local(_ longitude: Double) -> Double? {
        if isPolar {
            // A full turn: half-open, so the seam (west edge = east edge) counts once.
            let offset = (longitude - box.minLongitude).truncatingRemainder(dividingBy: 360)
            return box.minLongitude + (offset < 0 ? offset + 360 : offset)
        }
        if longitude >= box.minLongitude && longitude <= box.maxLongitude { return longitude }
        let normalized = GeoPoint.normalizedLongitude(longitude)
        for candidate in [normalized, normalized + 360, normalized - 360]
        where candidate >= box.minLongitude && candidate <= box.maxLongitude {
            return candidate
        }
        return nil
    }

    /// Whether segments p1–p2 and q1–q2 in the plane cross or touch.
    static func segmentsIntersect(
        _ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
        _ q1x: Double, _ q1y: Double, _ q2x: Double, _ q2y: Double
    ) -> Bool {
        func orientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Double {
            (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        }
        let d1 = orientation(q1x, q1y, q2x, q2y, p1x, p1y)
        let d2 = orientation(q1x, q1y, q2x, q2y, p2x, p2y)
        let d3 = orientation(p1x, p1y, p2x, p2y, q1x, q1y)
        let d4 = orientation(p1x, p1y, p2x, p2y, q2x, q2y)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        func onSegment(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Bool {
            min(ax, bx) <= cx && cx <= max(ax, bx) && min(ay, by) <= cy && cy <= max(ay, by)
        }
        return (d1 == 0 && onSegment(q1x, q1y, q2x, q2y, p1x, p1y)) || (d2 == 0 && onSegment(q1x, q1y, q2x, q2y, p2x, p2y))
            || (d3 == 0 && onSegment(p1x, p1y, p2x, p2y, q1x, q1y)) || (d4 == 0 && onSegment(p1x, p1y, p2x, p2y, q2x, q2y))
    }
}
