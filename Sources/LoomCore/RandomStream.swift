/// A counter-based random stream: output n is a SplitMix64 finaliser applied to `key + n·γ`.
///
/// Each sample of each dataset gets its own key, derived by hashing `(seed, dataset, index)`, so
/// what a sample draws never depends on thread count, shard layout or order of work.
public struct RandomStream: RandomNumberGenerator, Sendable {
    /// The key that selects this stream.
    public let key: UInt64
    /// How many 64-bit words have been drawn.
    @usableFromInline var counter: UInt64 = 0
    /// The second normal of the last Box–Muller pair, until it is drawn.
    @usableFromInline var spareNormal: Double?

    @usableFromInline static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The stream of sample `index` of dataset `dataset` under `seed`.
    public init(seed: UInt64, dataset: String, index: Int) {
        self = StreamFamily(seed: seed, dataset: dataset).stream(index)
    }

    /// A stream with an explicit key.
    @inlinable
    public init(key: UInt64) {
        self.key = key
    }

    /// An independent stream derived from this stream's key and a label; it does not consume this stream.
    public func substream(_ label: String) -> RandomStream {
        RandomStream(key: Self.mix(key ^ Self.hash(label) ^ 0xD6E8_FEB8_6659_FD93))
    }

    /// The next 64 random bits: the finaliser of `key + counter·γ`.
    @inlinable
    public mutating func next() -> UInt64 {
        counter &+= 1
        return Self.mix(key &+ counter &* Self.gamma)
    }

    /// SplitMix64's output function (Stafford variant 13).
    @inlinable @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a over UTF-8, then mixed.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return mix(h)
    }
}

/// The streams of one dataset under one seed; `stream(i)` is sample i's stream.
public struct StreamFamily: Sendable {
    @usableFromInline let base: UInt64

    /// The family of `dataset`'s streams under `seed`.
    public init(seed: UInt64, dataset: String) {
        base = RandomStream.mix(RandomStream.mix(seed &+ RandomStream.gamma) ^ RandomStream.hash(dataset))
    }

    /// The stream of sample `index`.
    @inlinable @inline(__always)
    public func stream(_ index: Int) -> RandomStream {
        let salt = RandomStream.mix(UInt64(truncatingIfNeeded: index) &* RandomStream.gamma &+ 0x632B_E59B_D9B4_E019)
        return RandomStream(key: RandomStream.mix(base ^ salt))
    }
}
