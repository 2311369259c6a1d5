/// PyTorch's `nn.MSELoss` (mean over every element).
public enum MeanSquaredError {
    /// The mean of (output − target)² and its gradient with respect to the output.
    public static func lossAndGradient(output: Matrix, targets: Matrix) -> (loss: Double, gradient: Matrix) {
        precondition(output.rows == targets.rows && output.cols == targets.cols, "one target per output")
        var gradient = output
        var total = 0.0
        let scale = 2 / Float(output.values.count)
        for i in gradient.values.indices {
            let d = output.values[i] - targets.values[i]
            total += Double(d) * Double(d)
            gradient.values[i] = scale * d
        }
        return (total / Double(output.values.count), gradient)
    }
}
