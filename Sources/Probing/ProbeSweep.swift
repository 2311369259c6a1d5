import Foundation
import Learn
import LoomCore

/// `loom probe syntheory`: handcrafted features of every concept's clips, then every grid
/// configuration of linear and MLP probes per concept × representation, selected on validation and
/// scored on test.
public struct ProbeSweep: Sendable {
    /// Resolved options.
    public let options: ProbeOptions
    /// `--out`.
    public let root: URL
    /// Seeds the splits and every probe's initialisation, dropout and batches.
    public let seed: UInt64
    public let jobs: Int
    public let progress: ProgressStyle

    public init(options: ProbeOptions, root: URL, seed: UInt64, jobs: Int, progress: ProgressStyle) throws {
        do {
            try options.validate()
            self.options = options
        } catch let error as ConfigValueError {
            throw LoomError.usage("\(error.key): \(error.message)")
        }
        self.root = root
        self.seed = seed
        self.jobs = max(jobs, 1)
        self.progress = progress
    }

    /// `<out>/<output>`.
    public var folder: URL { root.appendingPathComponent(options.output) }
    public var grid: ProbeGrid { options.grid == .paper ? .paper : .quick }
    public var kinds: [ClipFeatures.Kind] { options.features.compactMap(ClipFeatures.Kind.init(rawValue:)) }
    /// Every representation probed: the handcrafted ones, then the embeddings.
    public var representations: [String] { kinds.map(\.rawValue) + options.embeddings.flatMap(\.representations) }
    public var schedule: EarlyStopping {
        EarlyStopping(interval: ProbeTrainer.schedule.interval, patience: ProbeTrainer.schedule.patience, maxEpochs: options.maxEpochs)
    }

    /// A concept's dataset folder.
    public func dataFolder(_ concept: String) -> URL {
        let path = options.data.replacingOccurrences(of: "{concept}", with: concept)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }

    /// One trained probe.
    public struct Run: Sendable {
        public let concept: String
        public let representation: String
        public let config: ProbeConfig
        public let score: ProbeTrainer.Score
    }

    /// Opens every dataset and finds every extractor program (so a missing one stops the run before
    /// any work), extracts or reuses the features and embeddings, trains every probe and writes the
    /// results; returns the runs.
    @discardableResult
    public func run() throws -> [Run] {
        let tables = try options.concepts.map { try SynTheoryTable(folder: dataFolder($0)) }
        for source in options.embeddings where source.command != nil { _ = try EmbeddingExtractor(source) }
        var found: [(concept: String, representation: String, data: ProbeData, split: ProbeSplit)] = []
        for table in tables {
            var matrices: [(String, Matrix)] = []
            let features = folder.appendingPathComponent("features/\(table.concept.name)")
            if !kinds.isEmpty {
                let handcrafted = try FeatureStore.load(table, folder: features, jobs: jobs, progress: progress)
                matrices += kinds.map { ($0.rawValue, handcrafted[$0]!) }
            }
            for source in options.embeddings {
                matrices += try source.load(for: table, root: root, cache: features.appendingPathComponent(source.name), progress: progress)
            }
            for (name, matrix) in matrices {
                let data = ProbeData(features: matrix, table: table)
                found.append((table.concept.name, name, data, ProbeSplit(rows: table.rows.count, values: data.regressionValues, seed: seed)))
            }
        }
        let cells = found, configs = grid.configs, seed = seed
        let total = cells.count * configs.count
        ProgressReporter.note("probe syntheory: \(cells.count) concept × representation cells × \(configs.count) configurations = \(total) probes on \(jobs) threads", style: progress)
        let meter = ProgressReporter(label: "probes", total: total, style: progress)
        let schedule = self.schedule
        let runs: [Run]
        do {
            runs = try WorkQueue(jobs: jobs).map(total) { job in
                let cell = cells[job / configs.count], config = configs[job % configs.count]
                let random = RandomStream(seed: seed, dataset: "probe/\(cell.concept)/\(cell.representation)/\(config.name)", index: 0)
                let score = try ProbeTrainer.run(cell.data, split: cell.split, config: config, schedule: schedule, random: random)
                meter.advance()
                return Run(concept: cell.concept, representation: cell.representation, config: config, score: score)
            }
        } catch {
            throw LoomError.runtime("probe training failed: \(error)")
        }
        try ProbeReport(sweep: self, runs: runs, splits: cells.map { ($0.concept, $0.split) }).write()
        return runs
    }
}
