import LoomCore

/// Errors of the probing stage, one line each.
public enum ProbingError: UserFacingError {
    /// A mistake in the options or the inputs named by them (exit 2).
    case usage(String)
    /// A failure while running (exit 1).
    case runtime(String)

    public var isUsageError: Bool {
        if case .usage = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .usage(let message), .runtime(let message): message
        }
    }
}
