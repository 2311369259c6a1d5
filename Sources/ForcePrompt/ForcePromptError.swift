import LoomCore

/// Errors of the force-prompting generators.
public enum ForcePromptError: UserFacingError {
    /// A bad option.
    case usage(String)

    public var isUsageError: Bool { true }

    public var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}
