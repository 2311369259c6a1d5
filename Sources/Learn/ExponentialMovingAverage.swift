/// An exponential moving average of parameter values: after each update, shadow ← d·shadow + (1 − d)·θ.
public final class ExponentialMovingAverage {
    /// The parameters it averages.
    public let parameters: [Parameter]
    /// d, the weight of the old average, in [0, 1).
    public let decay: Float
    /// The averaged values, one array per parameter, in the order of `parameters`.
    public private(set) var shadow: [[Float]]

    /// Starts from the parameters' current values.
    public init(parameters: [Parameter], decay: Float) {
        precondition(decay >= 0 && decay < 1, "an EMA decay is in [0, 1)")
        self.parameters = parameters
        self.decay = decay
        shadow = parameters.map(\.value.values)
    }

    /// Folds the parameters' current values into the average (call after each optimiser step).
    public func update() {
        for (i, p) in parameters.enumerated() {
            shadow[i].withUnsafeMutableBufferPointer { s in
                p.value.values.withUnsafeBufferPointer { v in
                    for j in s.indices { s[j] = decay * s[j] + (1 - decay) * v[j] }
                }
            }
        }
    }

    /// Overwrites the parameters with the averaged values.
    public func copyAverage() {
        for (i, p) in parameters.enumerated() { p.value.values = shadow[i] }
    }
}
