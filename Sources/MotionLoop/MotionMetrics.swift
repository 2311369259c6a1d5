import Foundation
import Learn
import LoomCore
import MotionCorrection
import Physics

/// Distribution metrics on rows of embeddings (one sample a row).
public enum EmbeddingMetrics {
    /// The Fréchet distance between Gaussians fitted to `a` and `b` (FID's formula; covariances
    /// with n − 1): |μa − μb|² + tr(Σa + Σb − 2 (Σa^{1/2} Σb Σa^{1/2})^{1/2}).
    public static func frechetDistance(_ a: Matrix, _ b: Matrix) throws -> Double {
        precondition(a.cols == b.cols && a.rows > 1 && b.rows > 1, "two sets of at least two rows of one width")
        let d = a.cols
        let (ma, ca) = moments(a), (mb, cb) = moments(b)
        let (va, vecA) = try SymmetricEigen.decompose(ca, size: d)
        var root = [Double](repeating: 0, count: d * d)  // Σa^{1/2}
        for k in 0..<d {
            let s = max(va[k], 0).squareRoot()
            for i in 0..<d { for j in 0..<d { root[i * d + j] += s * vecA[k * d + i] * vecA[k * d + j] } }
        }
        let middle = multiply(multiply(root, cb, d), root, d)
        var symmetric = middle
        for i in 0..<d { for j in 0..<d { symmetric[i * d + j] = (middle[i * d + j] + middle[j * d + i]) / 2 } }
        let cross = try SymmetricEigen.decompose(symmetric, size: d).values.reduce(0) { $0 + max($1, 0).squareRoot() }
        var total = 0.0
        for k in 0..<d { total += (ma[k] - mb[k]) * (ma[k] - mb[k]) + ca[k * d + k] + cb[k * d + k] }
        return max(total - 2 * cross, 0)
    }

    static func moments(_ x: Matrix) -> (mean: [Double], covariance: [Double]) {
        let n = x.rows, d = x.cols
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for k in 0..<d { mean[k] += Double(x.values[r * d + k]) } }
        mean = mean.map { $0 / Double(n) }
        var covariance = [Double](repeating: 0, count: d * d)
        for r in 0..<n {
            for i in 0..<d {
                let di = Double(x.values[r * d + i]) - mean[i]
                for j in i..<d { covariance[i * d + j] += di * (Double(x.values[r * d + j]) - mean[j]) }
            }
        }
        for i in 0..<d { for j in i..<d { covariance[i * d + j] /= Double(n - 1); covariance[j * d + i] = covariance[i * d + j] } }
        return (mean, covariance)
    }

    static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for k in 0..<n { let x = a[i * n + k]; for j in 0..<n { out[i * n + j] += x * b[k * n + j] } } }
        return out
    }

    /// HumanML3D's diversity: the mean distance between the rows of two random orderings of `x`.
    public static func diversity(_ x: Matrix, random: inout RandomStream) -> Double {
        let a = random.permutation(x.rows), b = random.permutation(x.rows)
        return zip(a, b).reduce(0) { $0 + distance(x, $1.0, x, $1.1) } / Double(max(x.rows, 1))
    }

    /// Improved precision and recall (Kynkäänniemi et al. 2019) with k-NN balls: precision is the share
    /// of generated rows inside some real row's ball (radius: its k-th nearest real neighbour), recall
    /// the share of real rows inside some generated row's ball.
    public static func precisionRecall(real: Matrix, generated: Matrix, k: Int = 3) -> (precision: Double, recall: Double) {
        func radii(_ x: Matrix) -> [Double] {
            (0..<x.rows).map { i in
                let d = (0..<x.rows).filter { $0 != i }.map { distance(x, i, x, $0) }.sorted()
                return d.isEmpty ? 0 : d[min(k, d.count) - 1]
            }
        }
        func covered(_ x: Matrix, by y: Matrix, radii r: [Double]) -> Double {
            let inside = (0..<x.rows).filter { i in (0..<y.rows).contains { distance(x, i, y, $0) <= r[$0] } }.count
            return Double(inside) / Double(max(x.rows, 1))
        }
        return (covered(generated, by: real, radii: radii(real)), covered(real, by: generated, radii: radii(generated)))
    }

    static func distance(_ a: Matrix, _ i: Int, _ b: Matrix, _ j: Int) -> Double {
        var sum = 0.0
        for k in 0..<a.cols { let d = Double(a.values[i * a.cols + k] - b.values[j * b.cols + k]); sum += d * d }
        return sum.squareRoot()
    }
}

/// Handcrafted kinematic features of a window (no learning), from its feature frames: mean and
/// sd over frames of the root's yaw rate, ground speed and height; each link's mean speed; each
/// non-root link's mean height; and the share of frames each sole point is in contact.
public enum KinematicFeatures {
    /// Features per window for a humanoid of `links` links.
    public static func count(links j: Int) -> Int { 6 + j + (j - 1) + 4 }

    /// One row per window.
    public static func of(_ windows: MotionBatch, links j: Int) -> Matrix {
        let w = windows.width, f = windows.frames, size = count(links: j)
        let velocity = 4 + 3 * (j - 1) + 6 * j, contacts = velocity + 3 * j
        var out = Matrix(rows: windows.count, cols: size)
        for i in 0..<windows.count {
            let v = windows[i], base = v.startIndex
            func at(_ t: Int, _ c: Int) -> Double { v[base + t * w + c] }
            var row: [Double] = []
            let series: [[Double]] = [(0..<f).map { at($0, 0) }, (0..<f).map { hypot(at($0, 1), at($0, 2)) }, (0..<f).map { at($0, 3) }]
            for s in series {
                let m = s.reduce(0, +) / Double(f)
                row += [m, (s.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(f)).squareRoot()]
            }
            for link in 0..<j {
                row.append((0..<f).reduce(0) { t, frame in
                    let c = velocity + 3 * link
                    return t + (at(frame, c) * at(frame, c) + at(frame, c + 1) * at(frame, c + 1) + at(frame, c + 2) * at(frame, c + 2)).squareRoot()
                } / Double(f))
            }
            for link in 1..<j { row.append((0..<f).reduce(0) { $0 + at($1, 3) + at($1, 4 + 3 * (link - 1) + 1) } / Double(f)) }
            for s in 0..<4 { row.append((0..<f).reduce(0) { $0 + at($1, contacts + s) } / Double(f)) }
            for (k, x) in row.enumerated() { out.values[i * size + k] = Float(x) }
        }
        return out
    }
}

/// The physics figures of windows decoded to poses (`MotionQuality`, mean over windows):
/// penetration m, floating m, skating m/s, jitter m/s³.
public func physicsFigures(_ windows: MotionBatch, features: MotionFeatures, fps: Double) -> [Double] {
    var sums = [Double](repeating: 0, count: 4)
    for i in 0..<windows.count {
        let poses = features.recover(Array(windows[i]))
        let q = MotionQuality.measure(poses.map(features.humanoid.frame), fps: fps)
        for (k, x) in [q.penetration, q.floating, q.skating, q.jitter].enumerated() { sums[k] += x }
    }
    return sums.map { $0 / Double(max(windows.count, 1)) }
}
