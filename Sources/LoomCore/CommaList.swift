import Foundation

/// The one parser of comma-separated values on the command line, such as `--gammas 0,0.1,1` or
/// `--clips walk,run` (a list option's flag text, and the few flags of the CLI itself).
public enum CommaList {
    /// The items, trimmed of spaces.
    public static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The items as numbers; a usage error names `flag` and the item that is not one.
    public static func numbers<T: LosslessStringConvertible>(_ text: String, flag: String, example: String = "0,0.1,1") throws -> [T] {
        let parts = items(text)
        guard !parts.isEmpty else { throw LoomError.usage("\(flag) '\(text)' is empty; give a comma-separated list such as \(example)") }
        return try parts.map { item in
            guard let value = T(item) else {
                throw LoomError.usage("\(flag): '\(item)' is not a number; give a comma-separated list such as \(example)")
            }
            return value
        }
    }
}
