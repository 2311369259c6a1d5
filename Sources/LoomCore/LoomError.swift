/// An error meant for the person at the terminal: one readable line and an exit code.
///
/// Every module's error enum conforms, so the CLI can print any of them the same way.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// True for mistakes in the command or the config (exit 2); false for failures at run time (exit 1).
    var isUsageError: Bool { get }
}

/// Errors of the core: bad input, dataset folders, files.
public enum LoomError: UserFacingError, Equatable {
    /// A bad command-line value.
    case usage(String)
    /// A bad value in a config file, with where it is.
    case config(file: String, key: String, line: Int?, message: String)
    /// The output folder holds a dataset made with a different config.
    case configMismatch(folder: String, difference: String)
    /// A folder or file that cannot be written.
    case unwritable(path: String, reason: String)
    /// The disk filled up while writing `path`; the partial file was removed and a rerun resumes.
    case diskFull(path: String)
    /// A file that cannot be read or parsed.
    case unreadable(path: String, reason: String)
    /// Shards that do not add up to the whole dataset.
    case incompleteShards(folder: String, detail: String)
    /// Another live process holds the lock on this part of the folder.
    case busy(folder: String, what: String, holder: String)
    /// A file SynthLoom ships in `assets/` is missing (and where `$LOOM_ASSETS` pointed, if it was set).
    case missingAsset(String, override: String?)
    /// A failure at run time.
    case runtime(String)

    /// Whether the error is the user's (exit 2) rather than a runtime failure (exit 1).
    public var isUsageError: Bool {
        switch self {
        case .usage, .config, .configMismatch, .unwritable, .missingAsset: true
        case .unreadable, .incompleteShards, .runtime, .diskFull, .busy: false
        }
    }

    /// One readable line.
    public var description: String {
        switch self {
        case .usage(let message):
            return message
        case .config(let file, let key, let line, let message):
            let place = line.map { "\(file):\($0)" } ?? file
            return key.isEmpty ? "\(place): \(message)" : "\(place): '\(key)': \(message)"
        case .configMismatch(let folder, let difference):
            return "\(folder) was made with a different config (\(difference)); use another --out or remove the folder"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason); choose a writable --out"
        case .diskFull(let path):
            return "no space left on the device while writing \(path); the partial file was removed: free some space and run the same command again to resume"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .incompleteShards(let folder, let detail):
            return "\(folder): \(detail)"
        case .busy(let folder, let what, let holder):
            return "\(folder): \(what) is being written by \(holder); wait for it to finish or stop it (a killed run releases its lock)"
        case .missingAsset(let path, let override?):
            return "\(AssetLocator.environmentKey)=\(override) has no \(path); point it at the SynthLoom checkout's assets folder"
        case .missingAsset(let path, nil):
            return "cannot find assets/\(path); run loom from the SynthLoom checkout (or its .build folder) "
                + "or set \(AssetLocator.environmentKey) to the checkout's assets folder"
        case .runtime(let message):
            return message
        }
    }
}
