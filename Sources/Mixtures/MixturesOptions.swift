import LoomCore

/// Options of `loom generate mixtures`.
public struct MixturesOptions: ConfigOptions {
    @Setting("The dataset: a Fourier head toy (gaussian, gmm2, beta, the v1 paper's gmm), the 2-D standard normal, or custom (from components).")
    public var dataset = MixturesDataset.gaussian
    @Setting("Number of rows.")
    public var rows = 5000
    @Setting("Quantisation bins on [-1, 1].")
    public var bins = 50
    @Setting("Fraction of rows held out for testing, in (0, 1).")
    public var testFraction = 0.2
    @Setting("Seed of the train/test permutation (the reference's random_state).")
    public var splitSeed = 42
    @Setting("The toys' variance.")
    public var variance = 0.01
    @Setting("A custom dataset's mixture: a list of {weight, mean, covariance} (any dimension; weights sum to 1, covariances positive definite).")
    public var components: [ComponentSpec]? = nil

    /// The quick-scale defaults.
    public init() {}

    /// The one component of `normal2d`: N(0, I₂).
    static let standardNormal2D = [ComponentSpec(weight: 1, mean: [0, 0], covariance: [[1, 0], [0, 1]])]

    /// The mixture the rows are drawn from: `components`, or N(0, I₂) for `normal2d`; nil for a toy.
    var mixture: [ComponentSpec]? { dataset == .normal2d ? Self.standardNormal2D : components }

    /// Rejects impossible sizes, fractions and mixtures.
    public func validate() throws {
        if rows <= 0 { throw ConfigValueError("rows", "must be a positive number of rows, not \(rows)") }
        if bins < 2 { throw ConfigValueError("bins", "must be at least 2, not \(bins)") }
        if !(testFraction > 0 && testFraction < 1) {
            throw ConfigValueError("test_fraction", "must be between 0 and 1 (exclusive), not \(testFraction)")
        }
        if !(variance > 0 && variance.isFinite) { throw ConfigValueError("variance", "must be positive, not \(variance)") }
        switch dataset {
        case .custom:
            guard let components else { throw ConfigValueError("components", "a custom dataset needs components") }
            _ = try GaussianMixture(components)
        default:
            if components != nil { throw ConfigValueError("components", "only a custom dataset takes components") }
        }
        let test = Int((Double(rows) * testFraction).rounded(.up))
        if dataset.toy != nil, test >= rows || test == 0 {
            throw ConfigValueError("rows", "\(rows) rows leave no room for a train and a test split")
        }
    }
}

/// What `loom generate mixtures` draws.
public enum MixturesDataset: String, Codable, Sendable, CaseIterable {
    /// The Fourier head toys, the 2-D standard normal, or a mixture from `components`.
    case gaussian, gmm2, beta, gmm, normal2d, custom

    /// The Fourier head toy of this name, if it is one.
    public var toy: ToyDataset? { ToyDataset(rawValue: rawValue) }
}
