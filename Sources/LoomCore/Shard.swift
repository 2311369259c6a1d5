/// A slice of a dataset: shard `index` of `count` holds the samples `i` with `i % count == index`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// The shard's number, 0 to `count - 1`.
    public let index: Int
    /// How many shards the dataset is split into, at least 1.
    public let count: Int

    /// The whole dataset.
    public static let whole = Shard(uncheckedIndex: 0, count: 1)

    init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    /// Parses `I/N` with 0 ≤ I < N.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw LoomError.usage("--shard '\(text)' is not I/N with 0 <= I < N (e.g. --shard 0/4)")
        }
        self.init(uncheckedIndex: i, count: n)
    }

    /// Whether sample `sample` belongs to this shard.
    public func contains(_ sample: Int) -> Bool { sample % count == index }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// The file name of this shard's manifest inside `shards/`.
    public var manifestName: String { "\(index)-of-\(count).jsonl" }
}

/// How big a run is: `quick` runs everything in minutes on two cores, `paper` uses the papers' sizes.
public enum Scale: String, Codable, Sendable, CaseIterable {
    /// Small sizes, for a check in minutes.
    case quick
    /// The sizes of the papers' datasets and experiments.
    case paper
}
