import Foundation

/// Small dense symmetric matrices, row-major in a flat array: eigen-decomposition, square root, Cholesky.
enum SymmetricMatrix {
    /// Eigenvalues and eigenvectors (columns of `vectors`) by cyclic Jacobi rotations.
    static func eigen(_ matrix: [Double], size n: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<n { off += a[p * n + q] * a[p * n + q] } }
            if off < 1e-30 { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p * n + q] != 0 {
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {  // columns p and q
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {  // rows p and q
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }

    /// The symmetric positive semi-definite square root (negative rounding-level eigenvalues clipped to 0).
    static func squareRoot(_ matrix: [Double], size n: Int) -> [Double] {
        let (values, vectors) = eigen(matrix, size: n)
        let roots = values.map { max($0, 0).squareRoot() }
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0
                for k in 0..<n { sum += vectors[i * n + k] * roots[k] * vectors[j * n + k] }
                out[i * n + j] = sum
            }
        }
        return out
    }

    /// The product of two n×n matrices.
    static func multiply(_ a: [Double], _ b: [Double], size n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n {
                let aik = a[i * n + k]
                for j in 0..<n { out[i * n + j] += aik * b[k * n + j] }
            }
        }
        return out
    }

    /// The lower Cholesky factor of a positive semi-definite matrix; nil if it has a clearly negative direction.
    /// A zero pivot (a degenerate direction) gives a zero column, so sampling stays defined.
    static func cholesky(_ matrix: [Double], size n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        let scale = (0..<n).map { abs(matrix[$0 * n + $0]) }.max() ?? 0
        for j in 0..<n {
            var pivot = matrix[j * n + j]
            for k in 0..<j { pivot -= l[j * n + k] * l[j * n + k] }
            if pivot < -1e-12 * max(scale, 1e-300) || !pivot.isFinite { return nil }
            let root = max(pivot, 0).squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<n {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = root > 0 ? sum / root : 0
            }
        }
        return l
    }
}
