import LoomCore

/// Options of `loom generate mixtures`; unset values take their defaults when resolved.
public struct MixturesOptions: ConfigOptions, Equatable {
    /// `gaussian`, `gmm2`, `beta`, `gmm` (the toys), `normal2d`, or `custom` (from `components`).
    public var dataset: String?
    /// Number of rows (default 5000).
    public var rows: Int?
    /// Bins for quantisation on [-1, 1] (default 50).
    public var bins: Int?
    /// Fraction of rows held out for testing (default 0.2).
    public var testFraction: Double?
    /// Seed of the train/test permutation (default 42, as the reference's `random_state`).
    public var splitSeed: Int?
    /// The toys' variance (default 0.01).
    public var variance: Double?
    /// The mixture of a `custom` dataset.
    public var components: [ComponentSpec]?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case dataset, rows, bins, variance, components
        case testFraction = "test_fraction"
        case splitSeed = "split_seed"
    }

    public init(dataset: String? = nil, rows: Int? = nil, bins: Int? = nil, testFraction: Double? = nil,
                splitSeed: Int? = nil, variance: Double? = nil, components: [ComponentSpec]? = nil) {
        self.dataset = dataset
        self.rows = rows
        self.bins = bins
        self.testFraction = testFraction
        self.splitSeed = splitSeed
        self.variance = variance
        self.components = components
    }

    /// The one component of `normal2d`: N(0, I₂).
    static let standardNormal2D = [ComponentSpec(weight: 1, mean: [0, 0], covariance: [[1, 0], [0, 1]])]

    /// Every dataset name `dataset` accepts.
    public static let datasetNames = ToyDataset.allCases.map(\.rawValue) + ["normal2d", "custom"]

    public func validate() throws {
        let name = dataset ?? "gaussian"
        guard Self.datasetNames.contains(name) else {
            throw ConfigValueError("dataset", "unknown dataset '\(name)'; expected one of \(Self.datasetNames.joined(separator: ", "))")
        }
        if let rows, rows <= 0 { throw ConfigValueError("rows", "must be a positive number of rows, not \(rows)") }
        if let bins, bins < 2 { throw ConfigValueError("bins", "must be at least 2, not \(bins)") }
        if let testFraction, !(testFraction > 0 && testFraction < 1) {
            throw ConfigValueError("test_fraction", "must be between 0 and 1 (exclusive), not \(testFraction)")
        }
        if let variance, !(variance > 0 && variance.isFinite) {
            throw ConfigValueError("variance", "must be positive, not \(variance)")
        }
        if name == "custom" {
            guard let components else { throw ConfigValueError("components", "a custom dataset needs components") }
            _ = try GaussianMixture(components)
        } else if let components, !(name == "normal2d" && components == Self.standardNormal2D) {
            // A normal2d dataset.json stores its fixed components; anything else is a mistake.
            throw ConfigValueError("components", "only a custom dataset takes components")
        }
        let total = rows ?? 5000
        let test = Int((Double(total) * (testFraction ?? 0.2)).rounded(.up))
        if ToyDataset(rawValue: name) != nil, test >= total || test == 0 {
            throw ConfigValueError("rows", "\(total) rows leave no room for a train and a test split")
        }
    }

    /// The options with every default filled in.
    public func resolved() throws -> MixturesOptions {
        try validate()
        let name = dataset ?? "gaussian"
        return MixturesOptions(
            dataset: name, rows: rows ?? 5000, bins: bins ?? 50, testFraction: testFraction ?? 0.2,
            splitSeed: splitSeed ?? 42, variance: variance ?? 0.01,
            components: name == "normal2d" ? Self.standardNormal2D : components)
    }
}
