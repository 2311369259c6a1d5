import Foundation

/// Samplers written on the stream's own bits, so datasets never depend on the standard library's
/// sampling algorithms (which may change between Swift versions).
extension RandomStream {
    /// Uniform on [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform on [low, high).
    @inlinable @inline(__always)
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Uniform integer in 0..<bound (Lemire's multiply-and-reject, unbiased).
    public mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold {
                product = next().multipliedFullWidth(by: b)
            }
        }
        return Int(product.high)
    }

    /// True with probability `p` (in [0, 1]; a fair coin by default), from one uniform draw.
    public mutating func bernoulli(_ p: Double = 0.5) -> Bool {
        uniform() < p
    }

    /// Standard normal by the Box–Muller transform; the second value of each pair is kept for the next call.
    @inlinable
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let (first, second) = boxMuller()
        spareNormal = second
        return first
    }

    /// Two standard normals: exactly `(normal(), normal())`, in one Box–Muller step when no value is kept.
    @inlinable @inline(__always)
    public mutating func normalPair() -> (Double, Double) {
        if spareNormal != nil { return (normal(), normal()) }
        return boxMuller()
    }

    /// Box–Muller on the next two uniforms: (radius·cos, radius·sin).
    @inlinable @inline(__always)
    mutating func boxMuller() -> (Double, Double) {
        let u1 = 1.0 - uniform()  // (0, 1]
        let u2 = uniform()
        let radius = (-2.0 * log(u1)).squareRoot()
        let angle = 2.0 * Double.pi * u2
        return (radius * cos(angle), radius * sin(angle))
    }

    /// Normal with the given mean and standard deviation.
    @inlinable
    public mutating func normal(mean: Double, sd: Double) -> Double {
        mean + sd * normal()
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 use the `U^(1/shape)` boost.
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma shape must be positive")
        if shape < 1 {
            let boost = pow(1.0 - uniform(), 1.0 / shape)
            return gamma(shape: shape + 1) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1.0 + c * x
            } while v <= 0
            v = v * v * v
            let u = 1.0 - uniform()
            if u < 1.0 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1.0 - v + log(v)) { return d * v }
        }
    }

    /// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    public mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a)
        let y = gamma(shape: b)
        return x / (x + y)
    }

    /// An index drawn with probability proportional to `weights` (which need not be normalised).
    public mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = uniform() * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.count - 1
    }

    /// A uniformly random permutation of 0..<count (Fisher–Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var values = Array(0..<count)
        var i = count - 1
        while i > 0 {
            let j = integer(below: i + 1)
            values.swapAt(i, j)
            i -= 1
        }
        return values
    }
}
