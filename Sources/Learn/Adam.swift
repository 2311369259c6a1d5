import Foundation

/// Adam as in `torch.optim.Adam` with its defaults (β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay), or
/// AdamW (`torch.optim.AdamW`) with `decoupled` weight decay.
///
/// Step t: g ← g + λθ (L2 as `weight_decay` λ, when set and not decoupled; decoupled: θ ← θ(1 − lr·λ)
/// first), m ← β₁m + (1-β₁)g, v ← β₂v + (1-β₂)g², then θ ← θ - (lr / (1-β₁ᵗ)) · m / (√v / √(1-β₂ᵗ) + ε).
public final class Adam {
    /// The parameters it updates, in order.
    public let parameters: [Parameter]
    /// The step size lr (1e-3 by default).
    public var learningRate: Float
    /// β₁, the decay of the first-moment average.
    public let beta1: Float
    /// β₂, the decay of the second-moment average.
    public let beta2: Float
    /// ε added to the root second moment in the update's denominator.
    public let epsilon: Float
    /// L2 penalty λ added to every gradient as λθ (torch's `weight_decay`).
    public let weightDecay: Float
    /// Whether the weight decay is AdamW's decoupled shrinkage rather than an L2 term in the gradient.
    public let decoupled: Bool
    /// Steps taken so far.
    public private(set) var step = 0
    private var firstMoments: [[Float]]
    private var secondMoments: [[Float]]

    /// An optimiser at step 0 with zero moments (torch's defaults).
    public init(parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0, decoupled: Bool = false) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupled = decoupled
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.value.values.count) }
        secondMoments = firstMoments
    }

    /// Applies one update from the parameters' current gradients.
    public func update() {
        step += 1
        let correction1 = 1 - pow(Double(beta1), Double(step))
        let correction2 = 1 - pow(Double(beta2), Double(step))
        let stepSize = Float(Double(learningRate) / correction1)
        let rootCorrection2 = Float(correction2.squareRoot())
        for (i, parameter) in parameters.enumerated() {
            parameter.value.values.withUnsafeMutableBufferPointer { theta in
                parameter.gradient.values.withUnsafeBufferPointer { g in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            update(theta.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: theta.count,
                                   stepSize: stepSize, rootCorrection2: rootCorrection2)
                        }
                    }
                }
            }
        }
    }

    /// The elementwise update. `v` is never negative; taking its magnitude before the square root tells
    /// the compiler so, which turns the libm `sqrtf` call (kept for errno) into one instruction.
    private func update(_ theta: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                        _ v: UnsafeMutablePointer<Float>, count: Int, stepSize: Float, rootCorrection2: Float) {
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        let decay = decoupled ? 0 : weightDecay, shrink = decoupled ? 1 - learningRate * weightDecay : 1
        for j in 0..<count {
            if shrink != 1 { theta[j] *= shrink }
            let gj = g[j] + decay * theta[j]
            let mj = b1 * m[j] + (1 - b1) * gj
            let vj = b2 * v[j] + (1 - b2) * gj * gj
            m[j] = mj
            v[j] = vj
            theta[j] -= stepSize * mj / (vj.magnitude.squareRoot() / rootCorrection2 + eps)
        }
    }

    /// Adam's first and second moments of parameter `index` (in the order of `parameters`).
    public func moments(of index: Int) -> (first: [Float], second: [Float]) {
        (firstMoments[index], secondMoments[index])
    }

    /// Sets every parameter's gradient to 0 (before the next batch's backward pass).
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }
}
