import LoomCore

/// Errors of the motion loop.
public enum MotionLoopError: UserFacingError {
    /// A bad option or input folder (exit 2).
    case usage(String)
    /// A failure while running (exit 1).
    case runtime(String)

    public var isUsageError: Bool {
        if case .usage = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .usage(let message), .runtime(let message): message
        }
    }
}
