import LoomCore

/// Errors of the SynTheory generator.
public enum SynTheoryError: UserFacingError {
    /// A bad option.
    case usage(String)

    public var isUsageError: Bool { true }

    public var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}
