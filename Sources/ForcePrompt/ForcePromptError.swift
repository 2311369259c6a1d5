import LoomCore

/// Errors of the force-prompting generators.
public enum ForcePromptError: UserFacingError {
    /// A bad option.
    case usage(String)
    /// A clip's file could not be written (a full disk, a vanished folder); the clip is not kept.
    case output(path: String, reason: String)

    public var isUsageError: Bool {
        switch self {
        case .usage: true
        case .output: false
        }
    }

    public var description: String {
        switch self {
        case .usage(let message):
            message
        case .output(let path, let reason):
            "cannot write \(path): \(reason); free some space and run the same command again: finished clips are kept and the run resumes"
        }
    }
}
