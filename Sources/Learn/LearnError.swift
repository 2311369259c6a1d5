import LoomCore

/// Errors of the neural-net engine.
public enum LearnError: UserFacingError {
    /// A non-finite value appeared during training.
    case nonFinite(step: Int, parameter: String)
    /// A layer asked for with impossible sizes or settings.
    case invalidArgument(String)

    /// Whether the error is the caller's (a bad setting) rather than a failed run.
    public var isUsageError: Bool {
        switch self {
        case .nonFinite: false
        case .invalidArgument: true
        }
    }

    /// One readable line.
    public var description: String {
        switch self {
        case .nonFinite(let step, let parameter): "NaN or infinity in \(parameter) at step \(step); lower the learning rate or check the data"
        case .invalidArgument(let message): message
        }
    }
}
