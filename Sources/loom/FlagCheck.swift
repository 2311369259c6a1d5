import LoomCore

extension ConfigOptions {
    /// Validates options set from command-line flags; a bad value becomes a usage error naming its
    /// flag (`rows` → `--rows`, `batch_size` → `--batch-size`, or the name given in `flags`).
    func validateFlags(_ flags: [String: String] = [:]) throws {
        do {
            try validate()
        } catch let error as ConfigValueError {
            let key = String(error.key.split(separator: ".").first ?? "")
            let flag = flags[key] ?? key.replacingOccurrences(of: "_", with: "-")
            throw LoomError.usage("--\(flag): \(error.message)")
        }
    }
}

extension LoomError {
    /// A bad option of a generator or stage, as a usage error naming the option.
    static func option(_ owner: String, _ error: ConfigValueError) -> LoomError {
        .usage("\(owner) option '\(error.key)': \(error.message)")
    }
}
