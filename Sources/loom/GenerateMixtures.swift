import ArgumentParser
import Foundation
import LoomCore
import Mixtures

/// `loom generate mixtures`.
struct GenerateMixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixtures",
        abstract: "Gaussian-mixture datasets: the Fourier head toys (gaussian, gmm2, beta, gmm) or any mixture from a YAML spec.",
        discussion: """
            Toys: 5000 rows of (x, y, z), an 80/20 train/test split, features and target quantised into
            50 bins on [-1, 1], and the true PMF over the bins for every test row. Custom mixtures come
            from --config FILE, a YAML mapping with `components: [{weight, mean, covariance}]` (any
            dimension; weights must sum to 1, covariances must be positive definite).
            Output: features.npy, targets.npy, *_binned.npy, train/test inputs and labels, true_pmfs.npy,
            data.csv (toys); samples.npy, components.npy, data.csv (mixtures).
            """
    )

    @Option(help: "gaussian, gmm2, beta, gmm, normal2d or custom.", completion: .list(MixturesOptions.datasetNames))
    var dataset: String = "gaussian"

    @Option(help: "Number of rows (default 5000).")
    var rows: Int?

    @Option(help: "Quantisation bins on [-1, 1] (default 50).")
    var bins: Int?

    @OptionGroup var file: ConfigFile

    @Option(help: "Dataset folder name under --out (default mixtures-<dataset>).")
    var name: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = MixturesOptions()
        options = try file.load(MixturesOptions.self, or: options)
        if file.path == nil || dataset != "gaussian" { options.dataset = dataset }
        if let rows { options.rows = rows }
        if let bins { options.bins = bins }
        try options.validateFlags()
        try GeneratorRunner.run(MixturesEntry.self, options: options, folder: name, context: common.context())
    }
}

/// The mixtures generator in the registry.
enum MixturesEntry: GeneratorEntry {
    static let summary = "Gaussian-mixture datasets: Fourier head toys (gaussian, gmm2, beta, gmm), 2-D normal, any mixture from a spec."

    static func make(options: MixturesOptions, scale: Scale) throws -> MixturesGenerator {
        do {
            return try MixturesGenerator(options: options)
        } catch let error as ConfigValueError {
            throw LoomError.option("mixtures", error)
        }
    }

    static func make(config: MixturesOptions, scale: Scale) throws -> MixturesGenerator {
        try make(options: config, scale: scale)
    }

    static func folderName(for generator: MixturesGenerator) -> String {
        "mixtures-\(generator.config.dataset ?? "gaussian")"
    }
}
