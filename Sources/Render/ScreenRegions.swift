import Foundation

/// A disc on the ground that a ball's shadow or contact darkening may reach, with its screen bounds.
struct GroundDisc {
    let centre: SIMD3<Double>
    let radius: Double
    /// Bounds of its projection (conservative).
    let rect: PixelRect
}

/// Where on screen a ball can change pixels: its own projection, and ground discs for its shadow and
/// its occlusion, cut into per-row spans.
enum ScreenRegions {
    /// The bounding box of the sphere's projection (an ellipse), one pixel wider on each side; the
    /// whole screen when the camera is inside or next to it, nil when it is behind the camera.
    static func sphereRect(of ball: Ball, camera: Camera) -> PixelRect? {
        let (right, up, back) = camera.axes
        let d = ball.center - camera.location
        let cx = dot(d, right), cy = dot(d, up), cz = -dot(d, back)
        let r = ball.radius
        let f = camera.focalPixels
        guard cz > -r else { return nil }
        guard cz > r * 1.0001 else { return PixelRect(x0: 0, y0: 0, x1: camera.width, y1: camera.height) }
        // Tangent planes through the eye: slopes k with (c − k·z)² = r²(1 + k²).
        func extent(_ c: Double) -> (Double, Double) {
            let a = cz * cz - r * r
            let root = r * (c * c + a).squareRoot()
            return ((c * cz - root) / a, (c * cz + root) / a)
        }
        let (kx0, kx1) = extent(cx), (ky0, ky1) = extent(cy)
        let x0 = Double(camera.width) / 2 + f * kx0, x1 = Double(camera.width) / 2 + f * kx1
        let y0 = Double(camera.height) / 2 - f * ky1, y1 = Double(camera.height) / 2 - f * ky0
        return clip(x0: x0 - 1, y0: y0 - 1, x1: x1 + 1, y1: y1 + 1, camera: camera)
    }

    /// The ground discs outside which the ball neither shadows (sun visibility exactly 1) nor
    /// occludes (occlusion exactly 0) the ground.
    static func groundDiscs(of ball: Ball, camera: Camera, sun: SIMD3<Double>, groundHeight: Double,
                            sunAngle: Double, reach: Double) -> [GroundDisc] {
        let r = ball.radius
        let heightAbove = ball.center.z - groundHeight
        guard heightAbove > -r else { return [] }
        var discs: [GroundDisc] = []
        func add(_ centre: SIMD3<Double>, _ radius: Double) {
            if let rect = discRect(centre: centre, radius: radius, camera: camera) {
                discs.append(GroundDisc(centre: centre, radius: radius, rect: rect))
            }
        }
        // Occlusion fades to zero at `reach` radii from the point under the centre.
        if heightAbove > 0 { add(SIMD3(ball.center.x, ball.center.y, groundHeight), reach * r) }
        if sun.z > 0.02 {
            // The shadow is an ellipse with semi-axes (r + soft) and (r + soft)/sun.z; soft edges are at
            // most the sun's penumbra or half a ground pixel (under 5 cm at this scene's distances).
            let along = heightAbove / sun.z
            let soft = max(along * tan(sunAngle / 2), 0.05)
            add(ball.center - sun * along, (r + soft + 0.05) / sun.z)
        }
        return discs
    }

    /// The screen bounds of a ground disc: the box of the projected corners of its bounding square.
    static func discRect(centre: SIMD3<Double>, radius: Double, camera: Camera) -> PixelRect? {
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for (sx, sy) in [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)] {
            guard let p = camera.project(centre + SIMD3(sx * radius, sy * radius, 0)) else {
                return PixelRect(x0: 0, y0: 0, x1: camera.width, y1: camera.height)
            }
            x0 = min(x0, p.x); y0 = min(y0, p.y); x1 = max(x1, p.x); y1 = max(y1, p.y)
        }
        return clip(x0: x0 - 2, y0: y0 - 2, x1: x1 + 2, y1: y1 + 2, camera: camera)
    }

    /// The columns of row `y` whose pixels see the disc, or nil if none do.
    ///
    /// A row of pixels sees a straight line on the ground; where it crosses the disc follows from a
    /// quadratic in x. The row's top, centre and bottom lines are united and widened by a pixel, so the
    /// span covers every pixel that overlaps the disc. Falls back to the disc's box when the disc
    /// reaches the horizon.
    static func span(of disc: GroundDisc, row y: Int, origin: SIMD3<Double>, right: SIMD3<Double>, up: SIMD3<Double>,
                     back: SIMD3<Double>, focal: Double, width: Int, height: Int) -> (start: Int, end: Int)? {
        let rect = disc.rect
        guard y >= rect.y0, y < rect.y1 else { return nil }
        let k = disc.centre.z - origin.z
        let offset = origin - disc.centre
        var low = Double.infinity, high = -Double.infinity
        for line in [0.0, 0.5, 1.0] {
            // Ray through (x, y + line): d(x) = right·x + b.
            let b = up * (Double(height) / 2 - Double(y) - line) - back * focal - right * (Double(width) / 2)
            // The ground point minus the centre, times d_z, is x·e + g (horizontal parts only).
            let e = SIMD2(offset.x * right.z + k * right.x, offset.y * right.z + k * right.y)
            let g = SIMD2(offset.x * b.z + k * b.x, offset.y * b.z + k * b.y)
            let r2 = disc.radius * disc.radius
            let qa = (e * e).sum() - r2 * right.z * right.z
            let qb = 2 * ((e * g).sum() - r2 * right.z * b.z)
            let qc = (g * g).sum() - r2 * b.z * b.z
            guard qa > 1e-12 else { return (rect.x0, rect.x1) }
            let discriminant = qb * qb - 4 * qa * qc
            guard discriminant >= 0 else { continue }
            let root = discriminant.squareRoot()
            low = min(low, (-qb - root) / (2 * qa))
            high = max(high, (-qb + root) / (2 * qa))
        }
        guard low <= high else { return nil }
        let start = max(rect.x0, Int((low - 1).rounded(.down))), end = min(rect.x1, Int((high + 1).rounded(.up)))
        return start < end ? (start, end) : nil
    }

    static func clip(x0: Double, y0: Double, x1: Double, y1: Double, camera: Camera) -> PixelRect? {
        let rect = PixelRect(x0: max(0, Int(max(x0, -1e6).rounded(.down))), y0: max(0, Int(max(y0, -1e6).rounded(.down))),
                             x1: min(camera.width, Int(min(x1, 1e6).rounded(.up))), y1: min(camera.height, Int(min(y1, 1e6).rounded(.up))))
        return rect.x0 < rect.x1 && rect.y0 < rect.y1 ? rect : nil
    }
}
