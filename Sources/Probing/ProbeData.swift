import Learn

/// One representation of one concept, ready to probe: features and targets for every row.
public struct ProbeData: Sendable {
    /// What the probe predicts.
    public enum Targets: Sendable {
        /// Class indices into `names` (sorted unique target values, as the original's `pd.get_dummies`).
        case classes([Int], names: [String])
        /// Values min-max scaled to [0, 1] over the whole dataset, as the original scales BPM.
        case values([Float])
    }

    /// rows × dimensions.
    public let features: Matrix
    public let targets: Targets

    /// Features and targets as given.
    public init(features: Matrix, targets: Targets) {
        self.features = features
        self.targets = targets
    }

    /// Features (rows × dimensions, row-major) and the concept's targets from the table's rows.
    public init(features: Matrix, table: SynTheoryTable) {
        precondition(features.rows == table.rows.count, "one feature row per dataset row")
        self.features = features
        if table.concept.isRegression {
            let raw = table.rows.map { $0.value ?? 0 }
            let low = raw.min() ?? 0, high = raw.max() ?? 1
            let span = high > low ? high - low : 1
            targets = .values(raw.map { Float(($0 - low) / span) })
        } else {
            let names = Array(Set(table.rows.map(\.target))).sorted { a, b in
                // Numeric labels sort as numbers (intervals 1…12), the rest as text.
                if let x = Double(a), let y = Double(b) { return x < y }
                return a < b
            }
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            targets = .classes(table.rows.map { index[$0.target]! }, names: names)
        }
    }

    /// The regression values, for the tempo split; nil for classification.
    public var regressionValues: [Double]? {
        if case .values(let v) = targets { return v.map(Double.init) }
        return nil
    }

    /// Number of model outputs: one per class, or 1.
    public var outputs: Int {
        switch targets {
        case .classes(_, let names): names.count
        case .values: 1
        }
    }
}
