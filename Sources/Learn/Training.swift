/// Switches every `Dropout` inside `layer` (through `Sequential` and `Residual`) on for training or off.
public func setTraining(_ layer: any Layer, _ on: Bool) {
    switch layer {
    case let dropout as Dropout: dropout.isTraining = on
    case let sequential as Sequential: for inner in sequential.layers { setTraining(inner, on) }
    case let residual as Residual: setTraining(residual.body, on)
    default: break
    }
}
