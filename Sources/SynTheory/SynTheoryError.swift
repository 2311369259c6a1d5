import LoomCore

/// Errors of the SynTheory generator (a missing shipped table is the core's `LoomError.missingAsset`).
public enum SynTheoryError: UserFacingError {
    /// A shipped table is malformed.
    case badAsset(path: String, reason: String)

    /// Always: a malformed shipped table is a broken install, fixed by the user.
    public var isUsageError: Bool {
        true
    }

    /// One readable line.
    public var description: String {
        switch self {
        case .badAsset(let path, let reason):
            "\(path) is malformed: \(reason)"
        }
    }
}
