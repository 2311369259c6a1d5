import LoomCore
import Mixtures

/// `loom generate mixtures`.
enum MixturesEntry: GeneratorEntry {
    static let summary = "Gaussian-mixture datasets: Fourier head toys (gaussian, gmm2, beta, gmm), 2-D normal, any mixture from a spec."
    static let abstract = "Gaussian-mixture datasets: the Fourier head toys (gaussian, gmm2, beta, gmm) or any mixture from a YAML spec."
    static let discussion = """
        Toys: 5000 rows of (x, y, z), an 80/20 train/test split, features and target quantised into
        50 bins on [-1, 1], and the true PMF over the bins for every test row. Custom mixtures come
        from --config FILE, a YAML mapping with `dataset: custom` and `components: [{weight, mean,
        covariance}]` (any dimension; weights must sum to 1, covariances must be positive definite).
        Output: features.npy, targets.npy, *_binned.npy, train/test inputs and labels, true_pmfs.npy,
        data.csv (toys); samples.npy, components.npy, data.csv (mixtures).
        """

    static func make(options: MixturesOptions) throws -> MixturesGenerator {
        do {
            return try MixturesGenerator(options: options)
        } catch let error as ConfigValueError {
            throw LoomError.option("mixtures", error)
        }
    }

    static func folderName(for options: MixturesOptions) -> String { "mixtures-\(options.dataset.rawValue)" }
}
