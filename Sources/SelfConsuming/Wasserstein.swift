/// The Wasserstein-2 distance between two Gaussians in closed form:
/// W₂² = |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₂^{1/2} Σ₁ Σ₂^{1/2})^{1/2}).
public func wasserstein2(_ a: GaussianModel, _ b: GaussianModel) -> Double {
    precondition(a.dimension == b.dimension, "W₂ needs Gaussians of one dimension")
    let d = a.dimension
    var meanTerm = 0.0
    for k in 0..<d { meanTerm += (a.mean[k] - b.mean[k]) * (a.mean[k] - b.mean[k]) }
    var trace = 0.0
    for k in 0..<d { trace += a.covariance[k * d + k] + b.covariance[k * d + k] }
    let cross = traceOfCrossRoot(a.covariance, b.covariance, size: d)
    return max(meanTerm + trace - 2 * cross, 0).squareRoot()
}

/// tr((Σ₂^{1/2} Σ₁ Σ₂^{1/2})^{1/2}), in closed form for d ≤ 2.
///
/// M = Σ₂^{1/2} Σ₁ Σ₂^{1/2} has det M = det Σ₁ det Σ₂ and tr M = tr(Σ₁Σ₂); a 2×2 positive
/// semi-definite M has tr √M = √(tr M + 2 √det M).
func traceOfCrossRoot(_ s1: [Double], _ s2: [Double], size d: Int) -> Double {
    switch d {
    case 1:
        return max(s1[0] * s2[0], 0).squareRoot()
    case 2:
        let det1 = s1[0] * s1[3] - s1[1] * s1[2]
        let det2 = s2[0] * s2[3] - s2[1] * s2[2]
        let traceProduct = s1[0] * s2[0] + s1[1] * s2[2] + s1[2] * s2[1] + s1[3] * s2[3]
        return max(traceProduct + 2 * max(det1 * det2, 0).squareRoot(), 0).squareRoot()
    default:
        return generalTraceOfCrossRoot(s1, s2, size: d)
    }
}

/// The same trace by eigen-decomposition, for any dimension.
func generalTraceOfCrossRoot(_ s1: [Double], _ s2: [Double], size d: Int) -> Double {
    let root2 = SymmetricMatrix.squareRoot(s2, size: d)
    var m = SymmetricMatrix.multiply(SymmetricMatrix.multiply(root2, s1, size: d), root2, size: d)
    for i in 0..<d { for j in 0..<i { let avg = (m[i * d + j] + m[j * d + i]) / 2; m[i * d + j] = avg; m[j * d + i] = avg } }
    return SymmetricMatrix.eigen(m, size: d).values.reduce(0) { $0 + max($1, 0).squareRoot() }
}
