import LoomCore

/// Errors of the Fourier head stage.
public enum FourierHeadError: UserFacingError {
    /// A dataset folder that is missing, from another generator, or of another toy dataset.
    case dataset(String)
    /// A training run that failed at run time (e.g. NaN), named by its output folder and seed.
    case runFailed(run: String, reason: String)

    /// Whether the error is the user's (a bad dataset folder) rather than a failed run.
    public var isUsageError: Bool {
        switch self {
        case .dataset: true
        case .runFailed: false
        }
    }

    /// One readable line.
    public var description: String {
        switch self {
        case .dataset(let message): message
        case .runFailed(let run, let reason): "\(run): \(reason)"
        }
    }
}
