/// `torch.nn.utils.clip_grad_norm_`: scales every gradient by maxNorm / (‖g‖ + 1e-6) when the
/// global L2 norm ‖g‖ exceeds `maxNorm`; returns ‖g‖ before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Double {
    var square = 0.0
    for p in parameters { for g in p.gradient.values { square += Double(g) * Double(g) } }
    let norm = square.squareRoot()
    let scale = Float(Double(maxNorm) / (norm + 1e-6))
    if scale < 1 {
        for p in parameters {
            p.gradient.values.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] *= scale } }
        }
    }
    return norm
}
