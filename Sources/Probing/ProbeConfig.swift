import LoomCore

/// One probe's hyperparameters, a point of the jukemir grid.
public struct ProbeConfig: Sendable, Hashable, Codable {
    /// Standardise the features (a scaler fitted on the training rows only).
    public var standardize: Bool
    /// Hidden ReLU units: 0 is a linear probe, 512 the original's MLP.
    public var hidden: Int
    public var batchSize: Int
    public var learningRate: Double
    /// Dropout rate on the input and after the hidden layer.
    public var dropout: Double
    /// L2 penalty (Adam's weight decay); 0 for none.
    public var l2: Double

    public enum CodingKeys: String, CodingKey {
        case standardize, hidden, dropout, l2
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
    }

    /// A short stable name, e.g. `std-h512-b64-lr0.001-d0.5-l20`.
    public var name: String {
        "\(standardize ? "std" : "raw")-h\(hidden)-b\(batchSize)-lr\(learningRate)-d\(dropout)-l2\(l2)"
    }
}

/// The grid of configurations a sweep tries per concept and representation: every combination of
/// the listed values.
public struct ProbeGrid: Sendable, Equatable, Codable {
    public var standardize: [Bool]
    public var hidden: [Int]
    public var batchSize: [Int]
    public var learningRate: [Double]
    public var dropout: [Double]
    public var l2: [Double]

    public enum CodingKeys: String, CodingKey {
        case standardize, hidden, dropout, l2
        case batchSize = "batch_size"
        case learningRate = "learning_rate"
    }

    /// The original's handcrafted grid (jukemir's): 2 × 2 × 2 × 3 × 3 × 3 = 216 configurations.
    public static let paper = ProbeGrid(standardize: [false, true], hidden: [0, 512], batchSize: [64, 256],
                                        learningRate: [1e-5, 1e-4, 1e-3], dropout: [0.25, 0.5, 0.75], l2: [0, 1e-4, 1e-3])
    /// Quick scale: linear and MLP probes at the original's fixed layer-probe settings (standardised,
    /// batch 64, lr 1e-3, dropout 0.5, no L2), plus lr 1e-4.
    public static let quick = ProbeGrid(standardize: [true], hidden: [0, 512], batchSize: [64],
                                        learningRate: [1e-4, 1e-3], dropout: [0.5], l2: [0])

    /// Every configuration, in a fixed order.
    public var configs: [ProbeConfig] {
        var out: [ProbeConfig] = []
        for s in standardize { for h in hidden { for b in batchSize { for lr in learningRate { for d in dropout { for l in l2 {
            out.append(ProbeConfig(standardize: s, hidden: h, batchSize: b, learningRate: lr, dropout: d, l2: l))
        } } } } } }
        return out
    }

    /// Throws for empty lists and out-of-range values.
    public func validate() throws {
        for (key, count) in [("standardize", standardize.count), ("hidden", hidden.count), ("batch_size", batchSize.count),
                             ("learning_rate", learningRate.count), ("dropout", dropout.count), ("l2", l2.count)] where count == 0 {
            throw LoomError.usage("grid.\(key): give at least one value")
        }
        if let bad = hidden.first(where: { $0 < 0 }) { throw LoomError.usage("grid.hidden: \(bad) is negative; 0 is a linear probe") }
        if let bad = batchSize.first(where: { $0 < 1 }) { throw LoomError.usage("grid.batch_size: \(bad) must be at least 1") }
        if let bad = learningRate.first(where: { !($0 > 0) }) { throw LoomError.usage("grid.learning_rate: \(bad) must be positive") }
        if let bad = dropout.first(where: { !($0 >= 0 && $0 < 1) }) { throw LoomError.usage("grid.dropout: \(bad) must be in [0, 1)") }
        if let bad = l2.first(where: { !($0 >= 0) }) { throw LoomError.usage("grid.l2: \(bad) must be at least 0") }
    }
}
