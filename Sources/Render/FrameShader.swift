import Foundation

/// Shading of one frame's pixels near balls: ray casting against the balls and the ground plane, sun
/// light with soft shadows from the balls, sky light with the balls' occlusion, and the ball materials.
struct FrameShader {
    /// A ball with what the frame needs precomputed.
    struct Prepared {
        let center: SIMD3<Double>
        let radius: Double
        let orientation: SIMD4<Double>
        let material: SphereMaterial
        /// The material's albedo when it is uniform.
        let uniform: SIMD3<Double>?
        /// Where the ball itself shows on screen (nil if nowhere).
        let screen: PixelRect?
        /// The ground discs its shadow and its contact darkening can reach.
        let discs: [GroundDisc]
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
    static let occlusionReach = 1.5

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
            let q = ball.orientation
            let norm = (q * q).sum().squareRoot()
            return Prepared(
                center: ball.center, radius: ball.radius, orientation: norm > 0 ? q / norm : SIMD4(0, 0, 0, 1),
                material: ball.material, uniform: ball.material.albedo.uniform,
                screen: ScreenRegions.sphereRect(of: ball, camera: camera),
                discs: ScreenRegions.groundDiscs(of: ball, camera: camera, sun: sunDirection, groundHeight: groundHeight,
                                                 sunAngle: scene.sunAngle, reach: Self.occlusionReach))
        }
        spheres = balls.map { SIMD4($0.center.x, $0.center.y, $0.center.z, $0.radius) }
        screens = balls.map { $0.screen ?? PixelRect(x0: 0, y0: 0, x1: 0, y1: 0) }
    }

    // MARK: Pixels

    /// Appends the pixel spans of row `y` that balls, shadows or occlusion may change (unsorted,
    /// possibly overlapping).
    func appendSpans(row y: Int, to spans: inout [(start: Int, end: Int)]) {
        for ball in balls {
            if let rect = ball.screen, y >= rect.y0, y < rect.y1 { spans.append((rect.x0, rect.x1)) }
            for disc in ball.discs {
                if let span = ScreenRegions.span(of: disc, row: y, origin: origin, right: right, up: up, back: back,
                                                 focal: focal, width: width, height: height) {
                    spans.append(span)
                }
            }
        }
    }

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
        var hitIndex = -1
        var edge = false
        var direction = SIMD3<Double>.zero
        var pixelAngle = 0.0
        // The ground is opaque: a ball (or the part of one) below it is hidden.
        var nearest = Double.infinity
        if d.z < 0 {
            let p = origin + d * ((groundHeight - origin.z) / d.z)
            if abs(p.x) <= groundHalf && abs(p.y) <= groundHalf { nearest = length(p - origin) }
        }
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
            if abs(miss2.squareRoot() - r) < 0.75 * along * pixelAngle && along - r < nearest { edge = true }
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
        let albedo = ball.uniform ?? ball.material.albedo.albedo(at: rotateInverse(n, by: ball.orientation), footprint: spread)
        let roughness = ball.material.roughness
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
        if ball.material.reflects {
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
