/// Refines a regular grid of points by Catmull-Rom interpolation: a smooth surface through the
/// original points, as a subdivision modifier gives a cloth at render time.
public enum GridRefinement {
    /// The grid with `factor − 1` new points between neighbours along both axes: (columns − 1)·factor + 1
    /// by (rows − 1)·factor + 1 points, point (i, j) at `j * newColumns + i`.
    public static func refine(_ points: [SIMD3<Float>], columns: Int, rows: Int, factor: Int)
        -> (points: [SIMD3<Float>], columns: Int, rows: Int) {
        guard factor > 1 else { return (points, columns, rows) }
        let wide = (columns - 1) * factor + 1, tall = (rows - 1) * factor + 1
        // Along each row first, then along each column of the result.
        var across = [SIMD3<Float>](repeating: .zero, count: wide * rows)
        for j in 0..<rows {
            for i in 0..<wide {
                across[j * wide + i] = sample(i, factor, columns) { points[j * columns + $0] }
            }
        }
        var out = [SIMD3<Float>](repeating: .zero, count: wide * tall)
        for j in 0..<tall {
            for i in 0..<wide {
                out[j * wide + i] = sample(j, factor, rows) { across[$0 * wide + i] }
            }
        }
        return (out, wide, tall)
    }

    /// The refined point at fine index `f` of a line of `count` points read through `at`.
    @inline(__always)
    private static func sample(_ f: Int, _ factor: Int, _ count: Int, _ at: (Int) -> SIMD3<Float>) -> SIMD3<Float> {
        let k = f / factor, r = f % factor
        if r == 0 { return at(k) }
        let t = Float(r) / Float(factor)
        let p0 = at(max(k - 1, 0)), p1 = at(k), p2 = at(min(k + 1, count - 1)), p3 = at(min(k + 2, count - 1))
        let t2 = t * t, t3 = t2 * t
        let a = -0.5 * t3 + t2 - 0.5 * t
        let b = 1.5 * t3 - 2.5 * t2 + 1
        let c = -1.5 * t3 + 2 * t2 + 0.5 * t
        let d = 0.5 * t3 - 0.5 * t2
        return p0 * a + p1 * b + p2 * c + p3 * d
    }
}
