import Foundation
import Learn
import LoomCore

/// The toy experiment's sweep: datasets × heads × γ × N × seeds, run in parallel, written in the original
/// project's layout plus our tables and plots.
public struct FourierToySweep {
    /// Resolved options.
    public let options: FourierToyOptions
    /// `--out`: relative `data` patterns and the output folder are under it.
    public let root: URL
    /// Runs trained at once, one thread each.
    public var jobs: Int
    /// How progress is reported on stderr.
    public var progress: ProgressStyle
    /// The runs this process trains: those with `index % count == index` in `runs` order.
    public var shard: Shard

    /// A sweep of validated options under `root`.
    public init(options: FourierToyOptions, root: URL, jobs: Int, progress: ProgressStyle,
                shard: Shard = .whole) throws {
        try options.validate()
        self.options = options
        self.root = root
        self.jobs = max(jobs, 1)
        self.progress = progress
        self.shard = shard
    }

    /// `<out>/<output>`.
    public var folder: URL { root.appendingPathComponent(options.output) }

    /// The training settings every run shares.
    public var schedule: ToySchedule {
        ToySchedule(epochs: options.epochs, batchSize: options.batchSize, learningRate: options.learningRate)
    }

    /// Every run, datasets and heads in the order of the options, seeds innermost.
    public var runs: [ToyRunSpec] {
        var specs: [ToyRunSpec] = []
        for dataset in options.datasets {
            var heads: [ToyHead] = []
            for name in options.heads {
                switch name {
                case "linear": heads.append(.linear)
                case "gmm": heads.append(.gmm(for: dataset))
                default:
                    for gamma in options.gammas {
                        heads += options.frequencies.map { .fourier(frequencies: $0, gamma: gamma) }
                    }
                }
            }
            for head in heads { specs += options.seeds.map { ToyRunSpec(dataset: dataset, head: head, seed: $0) } }
        }
        return specs
    }

    /// The dataset folder for a dataset and seed.
    public func dataFolder(dataset: String, seed: Int) -> URL {
        let path = options.data.replacingOccurrences(of: "{dataset}", with: dataset)
            .replacingOccurrences(of: "{seed}", with: String(seed))
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }

    /// Reads every dataset the runs need and checks N against their bins.
    public func loadData() throws -> [String: ToyData] {
        var data: [String: ToyData] = [:]
        for dataset in options.datasets {
            for seed in options.seeds {
                let folder = dataFolder(dataset: dataset, seed: seed)
                if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("dataset.json").path) {
                    let relative = options.data.hasPrefix("/") ? "" : " --out \(root.path) --name \(folder.path.dropFirst(root.path.count + 1))"
                    throw FourierHeadError.dataset("no dataset in \(folder.path); make it with `loom generate mixtures --dataset \(dataset) --seed \(seed)\(relative)` (the data seed is the run seed, as in the original)")
                }
                let toy = try ToyData(folder: folder, dataset: dataset)
                if options.heads.contains("fourier"), let n = options.frequencies.first(where: { 2 * $0 >= toy.bins }) {
                    throw LoomError.usage("frequencies: N = \(n) is not below m/2 = \(toy.bins / 2) for \(toy.bins) bins; the Fourier head needs 1 ≤ N < m/2")
                }
                data["\(dataset)/\(seed)"] = toy
            }
        }
        return data
    }

    /// Trains the shard's unfinished runs (a rerun resumes: finished runs are read back, not trained again)
    /// and, for the whole sweep, writes the tables and plots. Returns the shard's results in `runs` order.
    /// `data` is what `loadData()` returned, if the caller has already read it.
    @discardableResult
    public func run(data loaded: [String: ToyData]? = nil) throws -> [ToyRunResult] {
        let data = try loaded ?? loadData()
        _ = try PaperResult.load()   // the report's paper column: a missing table is an error before training, not a blank column
        let whole = shard == .whole
        let owned = try RunFolder(folder, configFile: "config.json", config: config(data: data),
                                  lockName: whole ? "sweep" : "sweep-shard-\(shard.index)-of-\(shard.count)",
                                  purpose: whole ? "this sweep" : "shard \(shard) of this sweep")
        defer { withExtendedLifetime(owned) {} }
        let mine = runs.enumerated().filter { shard.contains($0.offset) }.map(\.element)
        try train(mine.filter { !ToyRunRecord.isFinished($0, in: folder) }, data: data)
        if whole { try writeReport(data: data) }
        let smoothness = Smoothness(bins: data.values.first!.bins)
        return try mine.map { try ToyRunRecord.read($0, in: folder, smoothness: smoothness) }
    }

    /// Joins the runs the shards trained into the tables and plots one process writes; false when they
    /// are already there. Refuses while a run is unfinished, naming it and its shard count's rule.
    @discardableResult
    public func merge(data loaded: [String: ToyData]? = nil) throws -> Bool {
        let data = try loaded ?? loadData()
        let owned = try RunFolder(folder, configFile: "config.json", config: config(data: data), lockName: "sweep",
                                  purpose: "the merge of this sweep")
        defer { withExtendedLifetime(owned) {} }
        let specs = runs
        let missing = specs.indices.filter { !ToyRunRecord.isFinished(specs[$0], in: folder) }
        if let first = missing.first {
            throw LoomError.runtime("\(missing.count) of \(specs.count) runs of \(folder.path) are unfinished (first: run \(first), \(specs[first].label)); finish the shard that holds each run (shard I/N trains the runs with index % N == I), then merge again")
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.md").path) { return false }
        try writeReport(data: data)
        return true
    }

    /// Writes the tables and plots from every run's saved files.
    func writeReport(data: [String: ToyData]) throws {
        let smoothness = Smoothness(bins: data.values.first!.bins)
        let results = try runs.map { try ToyRunRecord.read($0, in: folder, smoothness: smoothness) }
        try FourierToyReport(sweep: self, results: results, data: data).write()
    }

    /// Trains the runs on `jobs` threads, longest first; each writes its `pmfs_<seed>.npy` and its record
    /// when done. The first failure stops the rest and is thrown.
    func train(_ specs: [ToyRunSpec], data: [String: ToyData]) throws {
        guard !specs.isEmpty else { return }
        let order = specs.indices.sorted { cost(specs[$0]) > cost(specs[$1]) }
        let smoothness = Smoothness(bins: data.values.first!.bins)
        let schedule = self.schedule
        let bar = ProgressReporter(label: "fourier-toy", total: specs.count * schedule.epochs, style: progress)
        let folder = self.folder
        try WorkQueue(jobs: jobs).forEach(specs.count, order: order) { index in
            let spec = specs[index]
            let result = try ToyTraining.run(spec, data: data["\(spec.dataset)/\(spec.seed)"]!, schedule: schedule,
                                             smoothness: smoothness) { bar.advance() }
            try ToyRunRecord.write(result, in: folder)
        }
    }

    /// The sweep's `config.json`: what a rerun must match to resume into the same folder. Dataset folders
    /// are given relative to `--out` when they are under it, so the file does not depend on where `--out` is.
    func config(data: [String: ToyData]) throws -> JSONValue {
        var datasets: [JSONValue] = []
        for dataset in options.datasets {
            for seed in options.seeds {
                let toy = data["\(dataset)/\(seed)"]!
                datasets.append(.object([("dataset", .string(dataset)), ("seed", .int(seed)), ("folder", .string(relativePath(toy.folder))),
                                         ("data_seed", .int(toy.dataSeed)), ("bins", .int(toy.bins)),
                                         ("train_rows", .int(toy.trainLabels.count)), ("test_rows", .int(toy.testLabels.count))]))
            }
        }
        return .object([
            ("stage", .string("fourier-toy")),
            ("loom_version", .string(Loom.version)),
            ("options", try options.json),
            ("model", .string("MLP Linear(2,64)-ReLU-Linear(64,32)-ReLU-head(32 -> bins); inputs are bin indices as floats")),
            ("optimizer", .string("Adam (beta1 0.9, beta2 0.999, eps 1e-8), loss cross-entropy + the Fourier regulariser")),
            ("initialisation", .string("PyTorch default Linear init (Fourier head divided by 100), drawn from RandomStream(seed: run seed, dataset: \"fourier-toy/init\")")),
            ("shuffling", .string("a permutation per epoch from RandomStream(seed: run seed, dataset: \"fourier-toy/shuffle\")")),
            ("gmm_components", .string("1 for gaussian, 2 otherwise")),
            ("runs", .int(runs.count)),
            ("data", .array(datasets)),
        ])
    }

    /// `url`'s path relative to `--out` when it is below it, else absolute.
    func relativePath(_ url: URL) -> String {
        let base = root.standardizedFileURL.path + "/", path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Relative cost of a run, to start the slow ones first.
    func cost(_ spec: ToyRunSpec) -> Int {
        switch spec.head {
        case .linear: 10
        case .gmm(let k): 10 + 3 * k
        case .fourier(let n, _): 12 + n / 2
        }
    }
}
