import LoomCore

/// Errors of the SynTheory generator.
public enum SynTheoryError: UserFacingError {
    /// A bad option.
    case usage(String)
    /// A shipped table is missing (and where `$LOOM_ASSETS` pointed, if it was set).
    case missingAsset(String, override: String?)
    /// A shipped table is malformed.
    case badAsset(path: String, reason: String)

    public var isUsageError: Bool {
        switch self {
        case .usage, .missingAsset, .badAsset: true
        }
    }

    public var description: String {
        switch self {
        case .usage(let message):
            message
        case .missingAsset(let path, let override?):
            "\(AssetLocator.environmentKey)=\(override) has no \(path); point it at the SynthLoom checkout's assets folder"
        case .missingAsset(let path, nil):
            "cannot find assets/\(path); run loom from the SynthLoom checkout (or its .build folder) "
                + "or set \(AssetLocator.environmentKey) to the checkout's assets folder"
        case .badAsset(let path, let reason):
            "\(path) is malformed: \(reason)"
        }
    }
}
