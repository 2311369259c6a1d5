import LoomCore

/// A learnable tensor with its gradient, named for error messages (`layers.0.weight`).
public final class Parameter {
    /// The name in a state file and in errors (`layers.0.weight`).
    public let name: String
    /// The current values.
    public var value: Matrix
    /// dLoss/dvalue, accumulated by `backward` until `zeroGradient()`.
    public var gradient: Matrix

    /// A parameter of these values with a zero gradient.
    public init(name: String, value: Matrix) {
        self.name = name
        self.value = value
        gradient = Matrix(rows: value.rows, cols: value.cols)
    }

    /// A rows×cols parameter drawn from U(-bound, bound), row-major, from `random`.
    public convenience init(name: String, rows: Int, cols: Int, uniformBound bound: Double, random: inout RandomStream) {
        var values = [Float](repeating: 0, count: rows * cols)
        for i in values.indices { values[i] = Float(random.uniform(-bound, bound)) }
        self.init(name: name, value: Matrix(rows: rows, cols: cols, values: values))
    }

    /// Sets the gradient to 0.
    public func zeroGradient() {
        gradient.values.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] = 0 }
        }
    }
}
