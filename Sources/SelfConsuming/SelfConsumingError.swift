import LoomCore

/// Errors of the self-consuming loop engine.
public enum SelfConsumingError: UserFacingError {
    /// A bad option.
    case usage(String)

    public var isUsageError: Bool { true }

    public var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}
