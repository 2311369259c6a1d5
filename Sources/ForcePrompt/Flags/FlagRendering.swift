import Foundation
import Render

/// A flag clip as meshes for `MeshRenderer`: the still poles and finials, and each frame's cloths
/// (the main one refined 2× for smooth shading, two-sided).
public enum FlagRendering {
    /// How finely the main flag's 33 × 17 nodes are refined for drawing (Blender renders at
    /// subdivision level 2; 2× Catmull-Rom is enough at 720 × 480).
    public static let refinement = 2
    /// A lamp like the original's point light (1000 W at (4.08, 1.0, 5.9)), seen from the flag as a
    /// distant light of about 1 W/m².
    public static let lamp = DirectionalLight(direction: SIMD3(4.08, 0, 2.9), strength: 1)

    /// Every flag's pole and finial.
    public static func statics(_ clip: FlagClip) -> [TriangleMesh] {
        let bases = [SIMD3<Double>.zero] + clip.extras.map { SIMD3($0.base[0], $0.base[1], $0.base[2]) }
        return bases.flatMap { base in
            [TriangleMesh.cylinder(base: base, radius: FlagScene.poleRadius, height: FlagScene.poleHeight, look: FlagScene.pole),
             TriangleMesh.sphere(centre: base + SIMD3(0, 0, FlagScene.finialHeight), radius: FlagScene.finialRadius,
                                 look: FlagScene.finial)]
        }
    }

    /// The cloths of clip frame `k` (0 = frame 121).
    public static func cloths(_ clip: FlagClip, _ motion: FlagMotion, frame k: Int) -> [TriangleMesh] {
        let colors = [clip.color1] + clip.extras.map(\.color)
        return zip(motion.flags, colors).enumerated().map { f, pair in
            let (flag, color) = pair
            let slice = flag.frame(k)
            var points = [SIMD3<Float>](repeating: .zero, count: flag.columns * flag.rows)
            slice.withUnsafeBufferPointer { p in
                for i in points.indices { points[i] = SIMD3(p[3 * i], p[3 * i + 1], p[3 * i + 2]) }
            }
            let fine = GridRefinement.refine(points, columns: flag.columns, rows: flag.rows, factor: f == 0 ? refinement : 1)
            return TriangleMesh.grid(columns: fine.columns, rows: fine.rows, points: fine.points, look: FlagPalette.look(color))
        }
    }
}
