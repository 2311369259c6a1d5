import Foundation

/// The ground as the camera sees it without balls: per pixel the filtered albedo, the sun's cosine on
/// the relief, the z-depth, and the finished sRGB bytes.
///
/// The camera, ground and lights do not change during a clip, so the renderer computes this once and
/// only re-shades the pixels balls, their shadows and their contact darkening touch.
struct GroundLayer {
    /// Everything the layer depends on.
    struct Key: Equatable {
        let camera: Camera
        let groundHeight: Double
        let ground: GroundMaterial
        let groundSize: Double
        let groundTiling: Double
        let sunDirection: SIMD3<Double>
        let sunStrength: Double
        let ambient: Double

        init(_ scene: Scene, camera: Camera) {
            self.camera = camera
            groundHeight = scene.groundHeight
            ground = scene.ground
            groundSize = scene.groundSize
            groundTiling = scene.groundTiling
            sunDirection = scene.sunDirection
            sunStrength = scene.sunStrength
            ambient = scene.ambient
        }
    }

    let key: Key
    /// Linear albedo per pixel (w unused); zero where the ray misses the ground.
    var albedo: [SIMD4<Float>]
    /// Sun cosine on the relief per pixel; −1 where the ray misses the ground.
    var sunCosine: [Float]
    var depth: [Float]
    var rgb: [UInt8]

    init(key: Key, width: Int, height: Int, toneMap: ToneMap) {
        self.key = key
        let count = width * height
        albedo = [SIMD4<Float>](repeating: .zero, count: count)
        sunCosine = [Float](repeating: -1, count: count)
        depth = [Float](repeating: .infinity, count: count)
        rgb = [UInt8](repeating: 0, count: count * 3)

        let camera = key.camera
        let (right, up, back) = camera.axes
        let f = camera.focalPixels
        let origin = camera.location
        let half = key.groundSize / 2
        let toTiles = key.groundTiling / key.groundSize
        // Relief slopes are authored for 8 m tiles.
        let slopeScale = 8 / (key.groundSize / key.groundTiling)
        let texture = key.ground.texture
        let sun = key.sunDirection
        let sunFactor = Float(key.sunStrength / .pi)
        let ambient = Float(key.ambient)
        let sky = SIMD4<Float>(repeating: ambient)
        albedo.withUnsafeMutableBufferPointer { albedo in
            sunCosine.withUnsafeMutableBufferPointer { sunCosine in
                depth.withUnsafeMutableBufferPointer { depth in
                    rgb.withUnsafeMutableBufferPointer { rgb in
                        for y in 0..<height {
                            for x in 0..<width {
                                let i = y * width + x
                                let d = right * (Double(x) + 0.5 - Double(width) / 2)
                                    + up * (Double(height) / 2 - Double(y) - 0.5) - back * f
                                guard d.z < 0 else { toneMap.write(sky, to: rgb.baseAddress! + i * 3); continue }
                                let s = (key.groundHeight - origin.z) / d.z
                                let p = origin + s * d
                                guard s > 0, abs(p.x) <= half, abs(p.y) <= half else {
                                    toneMap.write(sky, to: rgb.baseAddress! + i * 3)
                                    continue
                                }
                                // How the hit point moves per pixel step in x and y.
                                let dpdx = s * (right - d * (right.z / d.z))
                                let dpdy = s * (d * (up.z / d.z) - up)
                                let sample = texture.filtered(
                                    u: (p.x + half) * toTiles, v: (p.y + half) * toTiles,
                                    du: SIMD2(dpdx.x, dpdx.y) * toTiles, dv: SIMD2(dpdy.x, dpdy.y) * toTiles)
                                let slope = sample.slope * Float(slopeScale)
                                let n = normalize(SIMD3(-Double(slope.x), -Double(slope.y), 1))
                                let cosine = Float(max(dot(n, sun), 0))
                                albedo[i] = sample.color
                                sunCosine[i] = cosine
                                depth[i] = Float(s * f)
                                toneMap.write(sample.color * (sunFactor * cosine + ambient), to: rgb.baseAddress! + i * 3)
                            }
                        }
                    }
                }
            }
        }
    }
}
