import LoomCore

/// Errors of the Fourier head stage.
public enum FourierHeadError: UserFacingError {
    /// A bad option.
    case usage(String)

    public var isUsageError: Bool { true }

    public var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}
