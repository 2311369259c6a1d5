/// A differentiable map on a batch of rows, with its backward pass written by hand.
///
/// `forward` keeps what `backward` needs; `backward` takes dLoss/doutput for that same batch, adds the
/// parameter gradients to `Parameter.gradient` and returns dLoss/dinput.
public protocol Layer: AnyObject {
    /// Values per input row.
    var inputSize: Int { get }
    /// Values per output row.
    var outputSize: Int { get }
    /// The learnable tensors, in state-file order.
    var parameters: [Parameter] { get }
    /// Maps a batch of rows (rows × inputSize) to rows × outputSize, keeping what `backward` needs.
    func forward(_ input: Matrix) -> Matrix
    /// Takes dLoss/doutput of the last forward batch, adds parameter gradients and returns dLoss/dinput.
    func backward(_ outputGradient: Matrix) -> Matrix
}

/// A classification head: features to logits over `bins` classes, whose softmax is the model's PMF.
///
/// The Fourier and GMM heads return `log(pmf + ε)`, a linear head raw scores; softmax turns either into
/// probabilities. A head may add a regulariser to the loss: `regularization` is its value for the last
/// forward batch, and `backward` includes its gradient.
public protocol Head: Layer {
    /// The number of classes (the output size).
    var bins: Int { get }
    /// The head's regulariser for the last forward batch (0 for none).
    var regularization: Double { get }
}

extension Head {
    /// One output per bin.
    public var outputSize: Int { bins }
    /// No regulariser, unless the head has one.
    public var regularization: Double { 0 }
}
