import LoomCore

extension MixturesGenerator {
    /// The dataset card: the toy (or mixture), its arrays and the meaning of every column.
    public var card: DatasetCard {
        let name = config.dataset.rawValue
        let bins = config.bins
        let toyFiles: [DatasetCard.Entry] = [
            .init("`data.csv`", "index, x, y, z, x_bin, y_bin, z_bin, split: one row per sample, `index` = the manifest's `index`"),
            .init("`features.npy`, `targets.npy`", "float64 (rows, 2) and (rows,): (x, y) and z in manifest order"),
            .init("`features_binned.npy`, `targets_binned.npy`", "int64: the same quantised into \(bins) uniform bins on [−1, 1] (numpy's `clip(digitize(v, linspace(-1, 1, \(bins + 1))) - 1, 0, \(bins - 1))`)"),
            .init("`train_index.npy`, `test_index.npy`", "int64: the manifest indices of the train and test rows (a permutation from split seed \(config.splitSeed))"),
            .init("`train_inputs.npy`, `train_labels.npy`, `test_inputs.npy`, `test_labels.npy`", "int64: binned features and targets of each split, rows in the index files' order"),
            .init("`test_features.npy`", "float64 (test rows, 2): the unquantised test features"),
            .init("`true_pmfs.npy`", "float64 (test rows, \(bins)): the true PMF of z over the bins for each test row, rows in `test_index` order"),
        ]
        let mixtureFiles: [DatasetCard.Entry] = [
            .init("`data.csv`", "index, component, x0, x1, ...: one row per sample"),
            .init("`samples.npy`", "float64 (rows, d): the samples in manifest order"),
            .init("`components.npy`", "int64 (rows,): the component each sample was drawn from"),
        ]
        let isToy = toy != nil
        return DatasetCard(
            title: isToy ? "Fourier head toy dataset `\(name)` (SynthLoom)" : "Gaussian mixture `\(name)` (SynthLoom)",
            summary: isToy
                ? "The `\(name)` toy conditional distribution of the Fourier head paper: features (x, y), target z, "
                    + "variance \(LabelValue.double(config.variance).description), \(config.rows) rows, a "
                    + "\(Int((config.testFraction * 100).rounded()))% test split, quantised into \(bins) bins, with the true PMF of every test row."
                : "Samples of a Gaussian mixture (`\(name)`), one row per sample with the component it came from.",
            paper: isToy
                ? "Nate Gillman, Daksh Aggarwal, Michael Freeman, Saurabh Singh, Chen Sun: *Fourier Head: Helping Large "
                    + "Language Models Learn Complex Probability Distributions* (ICLR 2025), https://arxiv.org/abs/2410.22269"
                : name != "normal2d" ? "none: a mixture given by the user's spec"
                : "the real data of the Gaussian toy of Nate Gillman, Michael Freeman, Daksh Aggarwal, Chia-Hong Hsu, Calvin Luo, Yonglong Tian, Chen Sun: "
                    + "*Self-Correcting Self-Consuming Loops for Generative Model Training* (ICML 2024), https://arxiv.org/abs/2402.07087",
            files: isToy ? toyFiles : mixtureFiles,
            labels: [
                .init("x", "first feature (dimensionless)"),
                .init("y", "second feature (dimensionless)"),
                .init("z", "target (dimensionless)"),
                .init("component", "index of the mixture component the sample was drawn from"),
                .init("x0", "coordinate 0 of the sample; x1, x2, ... likewise"),
            ],
            notes: ["Rows are drawn from per-row counter-based streams, so they follow the original's distributions, not its numpy draws."],
            tags: ["tabular", "fourier-head"])
    }
}
