import LoomCore

/// Train, validation and test rows of one concept, fixed by the seed.
public struct ProbeSplit: Sendable, Equatable {
    public let train: [Int]
    public let validation: [Int]
    public let test: [Int]

    /// The original's splits. Classification: rows shuffled by the seed's stream, then 70% train
    /// and the rest halved into validation and test (not stratified, as the original). Regression
    /// (tempo): the extrapolation split, rows sorted by value (ties by index), the middle 70%
    /// `[⌊0.15n⌋, ⌊0.85n⌋)` train, the outer 30% shuffled and halved into test and validation.
    public init(rows: Int, values: [Double]?, seed: UInt64) {
        var random = RandomStream(seed: seed, dataset: "probe/split", index: 0)
        if let values {
            precondition(values.count == rows, "one value per row")
            let sorted = (0..<rows).sorted { (values[$0], $0) < (values[$1], $1) }
            let low = Int(0.15 * Double(rows)), high = Int(0.85 * Double(rows))
            train = Array(sorted[low..<high])
            let outer = Array(sorted[..<low] + sorted[high...])
            let shuffled = random.permutation(outer.count).map { outer[$0] }
            let half = shuffled.count / 2
            test = Array(shuffled[..<half])
            validation = Array(shuffled[half...])
        } else {
            let order = random.permutation(rows)
            let trainCount = Int(0.7 * Double(rows))
            let validationCount = (rows - trainCount) / 2
            train = Array(order[..<trainCount])
            validation = Array(order[trainCount..<(trainCount + validationCount)])
            test = Array(order[(trainCount + validationCount)...])
        }
    }
}
