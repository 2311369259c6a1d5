import Foundation

/// Shading of one frame's pixels near balls: ray casting against the balls and the ground plane, sun
/// light with soft shadows from the balls, sky light with the balls' occlusion, and the ball materials.
struct FrameShader {
    /// A ball with what the frame needs precomputed.
    struct Prepared {
        let center: SIMD3<Double>
        let radius: Double
        let orientation: SIMD4<Double>
        let isBowling: Bool
        /// Bowling: the base colour; soccer: unused.
        let color: SIMD3<Double>
        let pentagon: SIMD3<Double>
        let hexagon: SIMD3<Double>
        /// Where the ball itself shows on screen (nil if nowhere).
        let screen: PixelRect?
        /// Where its shadow and contact darkening fall on screen (nil if nowhere).
        let shadow: PixelRect?
    }

    let balls: [Prepared]
    /// Centre and radius of each ball, and its screen rectangle (empty if off screen), for the hot loops.
    let spheres: [SIMD4<Double>]
    let screens: [PixelRect]
    let origin: SIMD3<Double>
    let right: SIMD3<Double>, up: SIMD3<Double>, back: SIMD3<Double>
    let focal: Double
    let width: Int, height: Int
    let groundHeight: Double
    let groundHalf: Double
    let toTiles: Double
    let texture: GroundTexture
    let sun: SIMD3<Double>
    let sunFactor: Double
    let tanSunRadius: Double
    let ambient: Double
    /// Radiance of the ground, on average, for light it bounces onto the balls.
    let bounce: SIMD3<Double>
    let layer: GroundLayer
    let subpixels: [SIMD2<Double>]

    /// How far (in ball radii, horizontally) a ball darkens the sky light on the ground.
    static let occlusionReach = 2.0

    init(scene: Scene, camera: Camera, layer: GroundLayer, subpixels: [SIMD2<Double>]) {
        (right, up, back) = camera.axes
        origin = camera.location
        focal = camera.focalPixels
        width = camera.width
        height = camera.height
        groundHeight = scene.groundHeight
        groundHalf = scene.groundSize / 2
        toTiles = scene.groundTiling / scene.groundSize
        texture = scene.ground.texture
        sun = scene.sunDirection
        sunFactor = scene.sunStrength / .pi
        tanSunRadius = tan(scene.sunAngle / 2)
        ambient = scene.ambient
        bounce = texture.meanAlbedo * (sunFactor * max(sun.z, 0) + scene.ambient)
        self.layer = layer
        self.subpixels = subpixels
        let sunDirection = scene.sunDirection
        let groundHeight = scene.groundHeight
        balls = scene.balls.map { ball in
            var pentagon = SIMD3<Double>.zero, hexagon = SIMD3<Double>.zero, color = SIMD3<Double>.zero
            let isBowling: Bool
            switch ball.material {
            case .soccer(let h, let s, let v):
                pentagon = BallShading.hsvAdjust(BallShading.pentagonColor, hue: h, saturation: s, value: v)
                hexagon = BallShading.hsvAdjust(BallShading.hexagonColor, hue: h, saturation: s, value: v)
                isBowling = false
            case .bowling(let c):
                color = c
                isBowling = true
            }
            let q = ball.orientation
            let norm = (q * q).sum().squareRoot()
            return Prepared(
                center: ball.center, radius: ball.radius, orientation: norm > 0 ? q / norm : SIMD4(0, 0, 0, 1),
                isBowling: isBowling, color: color, pentagon: pentagon, hexagon: hexagon,
                screen: Self.screenRect(of: ball, camera: camera),
                shadow: Self.shadowRect(of: ball, camera: camera, sun: sunDirection, groundHeight: groundHeight,
                                        sunAngle: scene.sunAngle))
        }
        spheres = balls.map { SIMD4($0.center.x, $0.center.y, $0.center.z, $0.radius) }
        screens = balls.map { $0.screen ?? PixelRect(x0: 0, y0: 0, x1: 0, y1: 0) }
    }

    // MARK: Screen regions

    /// The bounding box of the sphere's projection (an ellipse), one pixel wider on each side.
    static func screenRect(of ball: Ball, camera: Camera) -> PixelRect? {
        let (right, up, back) = camera.axes
        let d = ball.center - camera.location
        let cx = dot(d, right), cy = dot(d, up), cz = -dot(d, back)
        let r = ball.radius
        let f = camera.focalPixels
        let full = PixelRect(x0: 0, y0: 0, x1: camera.width, y1: camera.height)
        guard cz > -r else { return nil }
        guard cz > r * 1.0001 else { return full }
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

    /// The bounding box on screen of the ground area where the ball's shadow or occlusion falls.
    static func shadowRect(of ball: Ball, camera: Camera, sun: SIMD3<Double>, groundHeight: Double, sunAngle: Double) -> PixelRect? {
        let r = ball.radius
        let heightAbove = ball.center.z - groundHeight
        guard heightAbove > -r else { return nil }
        var corners: [SIMD3<Double>] = []
        func square(_ c: SIMD2<Double>, _ half: Double) {
            for (sx, sy) in [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)] {
                corners.append(SIMD3(c.x + sx * half, c.y + sy * half, groundHeight))
            }
        }
        let reach = occlusionReach * r
        if heightAbove < reach + r { square(SIMD2(ball.center.x, ball.center.y), reach) }
        if sun.z > 0.02 {
            let along = heightAbove / sun.z
            let shadowCentre = ball.center - sun * along
            let penumbra = along * tan(sunAngle / 2) + 0.05
            square(SIMD2(shadowCentre.x, shadowCentre.y), r / sun.z + penumbra)
        }
        guard !corners.isEmpty else { return nil }
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for corner in corners {
            guard let p = camera.project(corner) else {
                return PixelRect(x0: 0, y0: 0, x1: camera.width, y1: camera.height)
            }
            x0 = min(x0, p.x); y0 = min(y0, p.y); x1 = max(x1, p.x); y1 = max(y1, p.y)
        }
        return clip(x0: x0 - 2, y0: y0 - 2, x1: x1 + 2, y1: y1 + 2, camera: camera)
    }

    static func clip(x0: Double, y0: Double, x1: Double, y1: Double, camera: Camera) -> PixelRect? {
        let rect = PixelRect(x0: max(0, Int(max(x0, -1e6).rounded(.down))), y0: max(0, Int(max(y0, -1e6).rounded(.down))),
                             x1: min(camera.width, Int(min(x1, 1e6).rounded(.up))), y1: min(camera.height, Int(min(y1, 1e6).rounded(.up))))
        return rect.x0 < rect.x1 && rect.y0 < rect.y1 ? rect : nil
    }

    // MARK: Pixels

    /// One pixel: linear radiance, z-depth and the object seen at its centre; nil when no ball, shadow
    /// or occlusion touches it (the ground layer's pixel stands).
    func shade(x: Int, y: Int) -> (radiance: SIMD4<Float>, depth: Float, object: UInt8)? {
        let centre = trace(x: x, y: y, offset: SIMD2(0.5, 0.5))
        guard centre.edge, subpixels.count > 1 else {
            return centre.touched ? (centre.radiance, centre.depth, centre.object) : nil
        }
        var sum = SIMD4<Float>.zero
        for offset in subpixels { sum += trace(x: x, y: y, offset: offset).radiance }
        return (sum / Float(subpixels.count), centre.depth, centre.object)
    }

    /// Casts the ray through (x + offset.x, y + offset.y). `touched` is false when the result is the
    /// ground layer's own (no ball, no shadow, no occlusion).
    private func trace(x: Int, y: Int, offset: SIMD2<Double>)
        -> (radiance: SIMD4<Float>, depth: Float, object: UInt8, edge: Bool, touched: Bool) {
        let d = right * (Double(x) + offset.x - Double(width) / 2) + up * (Double(height) / 2 - Double(y) - offset.y) - back * focal
        var nearest = Double.infinity
        var hitIndex = -1
        var edge = false
        var direction = SIMD3<Double>.zero
        var pixelAngle = 0.0
        for index in spheres.indices {
            let rect = screens[index]
            guard x >= rect.x0, x < rect.x1, y >= rect.y0, y < rect.y1 else { continue }
            if pixelAngle == 0 {
                let rayLength = length(d)
                direction = d / rayLength
                pixelAngle = 1 / rayLength
            }
            let sphere = spheres[index]
            let oc = SIMD3(sphere.x, sphere.y, sphere.z) - origin
            let along = dot(oc, direction)
            let miss2 = max(dot(oc, oc) - along * along, 0)
            let r = sphere.w
            if abs(miss2.squareRoot() - r) < 0.75 * along * pixelAngle { edge = true }
            guard miss2 < r * r else { continue }
            let t = along - (r * r - miss2).squareRoot()
            if t > 1e-6 && t < nearest {
                nearest = t
                hitIndex = index
            }
        }
        if hitIndex >= 0 {
            let p = origin + direction * nearest
            let radiance = shadeBall(hitIndex, at: p, direction: direction, footprint: nearest * pixelAngle)
            return (radiance, Float(nearest * -dot(direction, back)), UInt8(min(hitIndex + 1, 255)), edge, true)
        }
        let i = y * width + x
        let cosine = layer.sunCosine[i]
        guard d.z < 0, cosine >= 0 else {
            return (SIMD4(repeating: Float(ambient)), .infinity, 0, edge, edge)
        }
        // With the unnormalised ray, t is also the size of a pixel at the hit point.
        let t = (groundHeight - origin.z) / d.z
        let p = origin + d * t
        let footprint = t / max(-d.z / length(d), 0.2).squareRoot()
        let visibility = sunVisibility(at: p, excluding: -1, footprint: footprint)
        let occlusion = skyOcclusion(at: p)
        let touched = edge || visibility < 1 || occlusion > 0
        let light = sunFactor * Double(cosine) * visibility + ambient * (1 - occlusion)
        return (layer.albedo[i] * Float(light), Float(t * focal), 0, edge, touched)
    }

    /// Fraction of the sun's disc seen from `p` past the balls (soft edges of at least a pixel).
    func sunVisibility(at p: SIMD3<Double>, excluding: Int, footprint: Double) -> Double {
        var visibility = 1.0
        for index in spheres.indices where index != excluding {
            let sphere = spheres[index]
            let w = SIMD3(sphere.x, sphere.y, sphere.z) - p
            let along = dot(w, sun)
            guard along > 0 else { continue }
            let r = sphere.w
            let soft = max(along * tanSunRadius, 0.5 * footprint)
            let miss2 = dot(w, w) - along * along
            guard miss2 < (r + soft) * (r + soft) else { continue }
            visibility *= smoothstep(r - soft, r + soft, max(miss2, 0).squareRoot())
        }
        return visibility
    }

    /// Fraction of the sky light the balls take from a ground point (cosine-weighted solid angle),
    /// faded to zero at `occlusionReach` radii.
    func skyOcclusion(at p: SIMD3<Double>) -> Double {
        var open = 1.0
        for sphere in spheres {
            let w = SIMD3(sphere.x, sphere.y, sphere.z) - p
            let r = sphere.w
            let horizontal2 = w.x * w.x + w.y * w.y
            let reach = Self.occlusionReach * r
            guard horizontal2 < reach * reach, w.z > 0 else { continue }
            let distance2 = dot(w, w)
            let cosine = w.z / distance2.squareRoot()
            let fade = 1 - smoothstep(reach - 0.5 * r, reach, horizontal2.squareRoot())
            open *= 1 - min(r * r / distance2, 1) * cosine * fade
        }
        return 1 - open
    }

    // MARK: Balls

    private func shadeBall(_ index: Int, at p: SIMD3<Double>, direction: SIMD3<Double>, footprint: Double) -> SIMD4<Float> {
        let ball = balls[index]
        let n = (p - ball.center) / ball.radius
        let view = -direction
        let nDotV = max(dot(n, view), 1e-4)
        let nDotL = dot(n, sun)
        // How much the normal turns across the pixel: it widens highlights and seams to stay anti-aliased.
        let spread = footprint / ball.radius / max(nDotV, 0.2)
        let albedo: SIMD3<Double>
        let roughness: Double
        if ball.isBowling {
            albedo = ball.color
            roughness = 0.05
        } else {
            let body = rotateInverse(n, by: ball.orientation)
            albedo = BallShading.soccer(body, footprint: spread, pentagon: ball.pentagon, hexagon: ball.hexagon)
            roughness = 0.45
        }
        let f0 = 0.04
        let fresnel = f0 + (1 - f0) * fifthPower(1 - nDotV)
        var radiance = SIMD3<Double>.zero
        if nDotL > 0 {
            let visibility = sunVisibility(at: p + n * 1e-4, excluding: index, footprint: footprint)
            if visibility > 0 {
                let alpha = (roughness * roughness * roughness * roughness + spread * spread).squareRoot()
                let h = normalize(view + sun)
                let nDotH = max(dot(n, h), 0)
                let a2 = alpha * alpha
                let denominator = nDotH * nDotH * (a2 - 1) + 1
                let distribution = a2 / (.pi * denominator * denominator)
                let k = alpha / 2
                let geometry = nDotL / (nDotL * (1 - k) + k) * nDotV / (nDotV * (1 - k) + k)
                let vDotH = max(dot(view, h), 0)
                let fresnelH = f0 + (1 - f0) * fifthPower(1 - vDotH)
                let specular = distribution * geometry * fresnelH / (4 * nDotL * nDotV)
                let diffuse = albedo * ((1 - fresnel) * sunFactor)
                let highlight = SIMD3<Double>(repeating: specular * sunFactor * .pi)
                radiance += (diffuse + highlight) * (nDotL * visibility)
            }
        }
        // Sky from above, light bounced off the ground from below.
        let skyWeight = 0.5 + 0.5 * n.z
        radiance += albedo * (1 - fresnel) * (ambient * skyWeight + bounce * (1 - skyWeight))
        if ball.isBowling {
            radiance += fresnel * reflection(from: p, direction: direction - 2 * dot(direction, n) * n, spread: 2 * spread + 0.02, excluding: index)
        }
        return SIMD4(Float(radiance.x), Float(radiance.y), Float(radiance.z), 0)
    }

    /// What a mirror-like ball reflects along `direction`: the ground (blurred by `spread`) or the sky.
    private func reflection(from p: SIMD3<Double>, direction: SIMD3<Double>, spread: Double, excluding: Int) -> SIMD3<Double> {
        guard direction.z < -1e-3 else { return SIMD3(repeating: ambient) }
        let t = (groundHeight - p.z) / direction.z
        let g = p + direction * t
        guard abs(g.x) <= groundHalf, abs(g.y) <= groundHalf else { return SIMD3(repeating: ambient) }
        let footprintTiles = t * spread * toTiles / max(-direction.z, 0.1)
        let lod = log2(max(footprintTiles * Double(texture.levels[0].size), 1))
        let sample = texture.trilinear(u: (g.x + groundHalf) * toTiles, v: (g.y + groundHalf) * toTiles, lod: lod)
        let visibility = sunVisibility(at: g, excluding: excluding, footprint: t * spread)
        let light = sunFactor * max(sun.z, 0) * visibility + ambient * (1 - skyOcclusion(at: g))
        return SIMD3(Double(sample.color.x), Double(sample.color.y), Double(sample.color.z)) * light
    }
}
