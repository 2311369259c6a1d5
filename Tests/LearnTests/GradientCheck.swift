import LoomCore
@testable import Learn

/// Central finite differences against a layer's hand-written backward pass.
///
/// The scalar checked is L = Σ w ⊙ forward(x) (+ the head's regulariser), with w a fixed random
/// cotangent; sums are in double. Returns the worst relative error ‖analytic − numeric‖ / ‖numeric‖
/// over the input and every parameter tensor.
func gradientError(of layer: any Layer, input: Matrix, step h: Float, seed: UInt64 = 7) -> Double {
    var random = RandomStream(seed: seed, dataset: "gradient-check", index: 0)
    let probe = layer.forward(input)
    let cotangent = Matrix(rows: probe.rows, cols: probe.cols, values: (0..<probe.values.count).map { _ in Float(random.uniform(-1, 1)) })

    func objective(_ x: Matrix) -> Double {
        let out = layer.forward(x)
        var total = zip(out.values, cotangent.values).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        if let head = layer as? any Head { total += head.regularization }
        return total
    }

    for p in layer.parameters { p.zeroGradient() }
    _ = layer.forward(input)
    let inputGradient = layer.backward(cotangent)

    var worst = relativeError(inputGradient.values, numericGradient(count: input.values.count, h: h) { i, delta in
        var x = input
        x.values[i] += delta
        return objective(x)
    })
    for p in layer.parameters {
        let analytic = p.gradient.values
        let numeric = numericGradient(count: p.value.values.count, h: h) { i, delta in
            let saved = p.value.values[i]
            p.value.values[i] = saved + delta
            defer { p.value.values[i] = saved }
            return objective(input)
        }
        worst = max(worst, relativeError(analytic, numeric))
    }
    return worst
}

/// (f(θ_i + h) − f(θ_i − h)) / 2h for every i, with h measured after rounding to float.
func numericGradient(count: Int, h: Float, _ f: (Int, Float) -> Double) -> [Float] {
    (0..<count).map { i in Float((f(i, h) - f(i, -h)) / (2 * Double(h))) }
}

func relativeError(_ a: [Float], _ b: [Float]) -> Double {
    let diff = zip(a, b).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }.squareRoot()
    let norm = max(b.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot(), 1e-12)
    return diff / norm
}

/// A matrix of uniform values in [low, high).
func randomMatrix(rows: Int, cols: Int, low: Double = -1, high: Double = 1, seed: UInt64 = 3) -> Matrix {
    var random = RandomStream(seed: seed, dataset: "test-matrix", index: rows * 1000 + cols)
    return Matrix(rows: rows, cols: cols, values: (0..<(rows * cols)).map { _ in Float(random.uniform(low, high)) })
}

/// Multiplies every parameter of `layer` by `factor` (moves a /100-initialised head to a well-conditioned scale).
func scaleParameters(of layer: any Layer, by factor: Float) {
    for p in layer.parameters { p.value.values = p.value.values.map { $0 * factor } }
}
