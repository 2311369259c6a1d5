import Foundation

/// Up-front checks that a run fits this machine, so that a huge size is a clear usage error
/// before any folder is made, not an allocation crash half-way.
public enum MemoryBudget {
    /// The bytes a run may plan to hold in memory: 80% of the physical memory.
    public static var available: Double { Double(ProcessInfo.processInfo.physicalMemory) * 0.8 }

    /// Throws a usage error when `bytes` do not fit: `what` names the size ("--rows 100000000000"),
    /// `fix` says what to do instead.
    public static func check(_ bytes: Double, for what: String, fix: String) throws {
        guard bytes.isFinite, bytes <= available else {
            throw LoomError.usage("\(what) needs about \(format(bytes)) of memory; this machine has \(format(available)) to spare: \(fix)")
        }
    }

    /// A byte count as `12.3 GB`.
    public static func format(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "an unbounded amount" }
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes, unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return String(format: unit == 0 ? "%.0f %@" : "%.1f %@", value, units[unit])
    }
}
