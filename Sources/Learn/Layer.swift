/// A differentiable map on a batch of rows, with its backward pass written by hand.
///
/// `forward` keeps what `backward` needs; `backward` takes dLoss/doutput for that same batch, adds the
/// parameter gradients to `Parameter.gradient` and returns dLoss/dinput.
public protocol Layer: AnyObject {
    var inputSize: Int { get }
    var outputSize: Int { get }
    var parameters: [Parameter] { get }
    func forward(_ input: Matrix) -> Matrix
    func backward(_ outputGradient: Matrix) -> Matrix
}

/// A classification head: features to logits over `bins` classes, whose softmax is the model's PMF.
///
/// The Fourier and GMM heads return `log(pmf + ε)`, a linear head raw scores; softmax turns either into
/// probabilities. A head may add a regulariser to the loss: `regularization` is its value for the last
/// forward batch, and `backward` includes its gradient.
public protocol Head: Layer {
    var bins: Int { get }
    var regularization: Double { get }
}

extension Head {
    /// One output per bin.
    public var outputSize: Int { bins }
    /// No regulariser, unless the head has one.
    public var regularization: Double { 0 }
}
