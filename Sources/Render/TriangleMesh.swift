import Foundation

/// How a mesh surface looks: Blender's Principled BSDF reduced to base colour, metallic and roughness.
public struct SurfaceLook: Sendable, Equatable {
    /// Linear Rec.709 base colour (albedo) in [0, 1].
    public var baseColor: SIMD3<Float>
    /// 0 = dielectric (diffuse + a Fresnel sheen), 1 = metal (tinted reflection of the environment).
    public var metallic: Float
    /// 0 = mirror, 1 = fully rough.
    public var roughness: Float

    /// A look of this base colour; dielectric and half rough by default.
    public init(baseColor: SIMD3<Float>, metallic: Float = 0, roughness: Float = 0.5) {
        self.baseColor = baseColor
        self.metallic = metallic
        self.roughness = roughness
    }

    /// A look from an sRGB-encoded colour (0...1 per channel), as colour pickers give it.
    public static func srgb(_ r: Double, _ g: Double, _ b: Double, metallic: Float = 0, roughness: Float = 0.5) -> SurfaceLook {
        SurfaceLook(baseColor: SIMD3(Float(ColorSpace.linear(srgb: r)), Float(ColorSpace.linear(srgb: g)),
                                     Float(ColorSpace.linear(srgb: b))),
                    metallic: metallic, roughness: roughness)
    }
}

/// A triangle mesh in world space (metres, Z up) with per-vertex normals, for `MeshRenderer`.
public struct TriangleMesh: Sendable {
    /// Vertex positions in world space (metres, Z up).
    public var positions: [SIMD3<Float>]
    /// Unit normals, one per vertex (smooth shading).
    public var normals: [SIMD3<Float>]
    /// Vertex indices, three per triangle.
    public var indices: [UInt32]
    /// How the surface looks.
    public var look: SurfaceLook
    /// Whether back faces are drawn, lit as seen from the side the camera is on (cloth).
    public var twoSided: Bool

    /// A mesh; there must be one normal per vertex and three indices per triangle.
    public init(positions: [SIMD3<Float>], normals: [SIMD3<Float>], indices: [UInt32], look: SurfaceLook,
                twoSided: Bool = false) {
        precondition(positions.count == normals.count && indices.count % 3 == 0, "one normal per vertex, three indices per triangle")
        self.positions = positions
        self.normals = normals
        self.indices = indices
        self.look = look
        self.twoSided = twoSided
    }

    /// A regular grid surface of `columns` × `rows` points (point (i, j) at `j * columns + i`), two
    /// triangles per cell, normals from central differences across the grid.
    public static func grid(columns: Int, rows: Int, points: [SIMD3<Float>], look: SurfaceLook,
                            twoSided: Bool = true) -> TriangleMesh {
        precondition(columns >= 2 && rows >= 2 && points.count == columns * rows, "a grid of at least 2 × 2 points")
        var normals = [SIMD3<Float>](repeating: .zero, count: points.count)
        for j in 0..<rows {
            let up = min(j + 1, rows - 1), down = max(j - 1, 0)
            for i in 0..<columns {
                let right = min(i + 1, columns - 1), left = max(i - 1, 0)
                let du = points[j * columns + right] - points[j * columns + left]
                let dv = points[up * columns + i] - points[down * columns + i]
                let n = SIMD3(du.y * dv.z - du.z * dv.y, du.z * dv.x - du.x * dv.z, du.x * dv.y - du.y * dv.x)
                let len = (n * n).sum().squareRoot()
                normals[j * columns + i] = len > 0 ? n / len : SIMD3(1, 0, 0)
            }
        }
        var indices: [UInt32] = []
        indices.reserveCapacity((columns - 1) * (rows - 1) * 6)
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                let a = UInt32(j * columns + i), b = a + 1, c = a + UInt32(columns), d = c + 1
                indices += [a, b, d, a, d, c]
            }
        }
        return TriangleMesh(positions: points, normals: normals, indices: indices, look: look, twoSided: twoSided)
    }

    /// A closed vertical cylinder (side and top cap) standing on `base`.
    public static func cylinder(base: SIMD3<Double>, radius: Double, height: Double, segments: Int = 24,
                                look: SurfaceLook) -> TriangleMesh {
        var positions: [SIMD3<Float>] = [], normals: [SIMD3<Float>] = [], indices: [UInt32] = []
        for k in 0...segments {
            let a = 2 * Double.pi * Double(k) / Double(segments)
            let n = SIMD3(cos(a), sin(a), 0)
            for z in [0.0, height] {
                positions.append(SIMD3<Float>(base + radius * n + SIMD3(0, 0, z)))
                normals.append(SIMD3<Float>(n))
            }
        }
        for k in 0..<segments {
            let a = UInt32(2 * k)
            indices += [a, a + 2, a + 3, a, a + 3, a + 1]
        }
        let centre = UInt32(positions.count)
        positions.append(SIMD3<Float>(base + SIMD3(0, 0, height)))
        normals.append(SIMD3(0, 0, 1))
        for k in 0...segments {
            let a = 2 * Double.pi * Double(k) / Double(segments)
            positions.append(SIMD3<Float>(base + SIMD3(radius * cos(a), radius * sin(a), height)))
            normals.append(SIMD3(0, 0, 1))
        }
        for k in 0..<UInt32(segments) { indices += [centre, centre + 1 + k, centre + 2 + k] }
        return TriangleMesh(positions: positions, normals: normals, indices: indices, look: look)
    }

    /// A UV sphere.
    public static func sphere(centre: SIMD3<Double>, radius: Double, segments: Int = 24, look: SurfaceLook) -> TriangleMesh {
        let rings = max(segments / 2, 2)
        var points: [SIMD3<Float>] = []
        for j in 0...rings {
            let polar = Double.pi * Double(j) / Double(rings)
            for i in 0...segments {
                let a = 2 * Double.pi * Double(i) / Double(segments)
                points.append(SIMD3<Float>(centre + radius * SIMD3(sin(polar) * cos(a), sin(polar) * sin(a), -cos(polar))))
            }
        }
        var mesh = grid(columns: segments + 1, rows: rings + 1, points: points, look: look, twoSided: false)
        mesh.normals = points.map { p in
            let d = SIMD3<Double>(p) - centre
            return SIMD3<Float>(d / (d * d).sum().squareRoot())
        }
        return mesh
    }
}
