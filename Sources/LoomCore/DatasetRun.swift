import Foundation
import Synchronization

/// How to run a generator: where, which seed and scale, which shard, how many threads.
public struct RunOptions: Sendable {
    /// The dataset folder (`<out>/<dataset>`).
    public var folder: URL
    public var seed: UInt64
    public var scale: Scale
    public var shard: Shard
    public var jobs: Int
    public var progress: ProgressStyle

    public init(folder: URL, seed: UInt64, scale: Scale, shard: Shard = .whole,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, progress: ProgressStyle = .text) {
        self.folder = folder
        self.seed = seed
        self.scale = scale
        self.shard = shard
        self.jobs = max(1, jobs)
        self.progress = progress
    }
}

/// What a generation run did.
public struct RunSummary: Sendable {
    /// Samples made by this run.
    public let generated: Int
    /// Samples found done from an earlier run.
    public let skipped: Int
    /// Whether the dataset was merged into `manifest.jsonl` and its tables.
    public let merged: Bool
}

/// Runs generators into dataset folders: `dataset.json`, per-shard logs, resume, merge.
public enum DatasetRun {
    static let infoName = "dataset.json"
    static let manifestName = "manifest.jsonl"
    static let shardFolder = "shards"

    /// The `dataset.json` content for a generator run.
    public static func info<G: DatasetGenerator>(_ generator: G, seed: UInt64, scale: Scale) throws -> JSONValue {
        .object([
            ("generator", .string(G.name)),
            ("loom_version", .string(Loom.version)),
            ("seed", .int(Int(truncatingIfNeeded: seed))),
            ("scale", .string(scale.rawValue)),
            ("stream_key", .string(generator.streamKey)),
            ("config", try JSONValue.encode(generator.config)),
            ("count", .int(generator.sampleCount)),
            ("sharding", .string("--shard I/N makes the samples with index % N == I; loom merge joins them")),
        ])
    }

    /// Generates the samples of `options.shard` that are not done yet; merges when the run is unsharded.
    @discardableResult
    public static func generate<G: DatasetGenerator>(_ generator: G, options: RunOptions) throws -> RunSummary {
        let folder = options.folder
        try prepare(folder: folder, info: info(generator, seed: options.seed, scale: options.scale))
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(manifestName).path) {
            Progress.note("\(folder.path): already complete", style: options.progress)
            return RunSummary(generated: 0, skipped: generator.sampleCount, merged: true)
        }
        let log = folder.appendingPathComponent(shardFolder).appendingPathComponent(options.shard.manifestName)
        let done = try recoverLog(log)
        let doneIndices = Set(done.map(\.index))
        let pending = (0..<generator.sampleCount).filter { options.shard.contains($0) && !doneIndices.contains($0) }
        try produce(generator, pending: pending, log: log, options: options)
        let skipped = (0..<generator.sampleCount).filter { options.shard.contains($0) }.count - pending.count
        if options.shard.count == 1 {
            try merge(generator, folder: folder)
            return RunSummary(generated: pending.count, skipped: skipped, merged: true)
        }
        return RunSummary(generated: pending.count, skipped: skipped, merged: false)
    }

    /// Checks or writes `dataset.json` and removes temporaries left by a killed run.
    static func prepare(folder: URL, info: JSONValue) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw LoomError.unwritable(path: folder.path, reason: AtomicFile.reason(error))
        }
        guard access(folder.path, W_OK) == 0 else {
            throw LoomError.unwritable(path: folder.path, reason: "permission denied")
        }
        let infoURL = folder.appendingPathComponent(infoName)
        if let existing = try? String(contentsOf: infoURL, encoding: .utf8) {
            guard let old = try? JSONValue.parse(existing) else {
                throw LoomError.configMismatch(folder: folder.path, difference: "its dataset.json is unreadable")
            }
            var oldCore = old, newCore = info
            // The loom version may change between runs without changing the data's definition.
            if case .object(let m) = old { oldCore = .object(m.filter { $0.0 != "loom_version" }) }
            if case .object(let m) = info { newCore = .object(m.filter { $0.0 != "loom_version" }) }
            if let difference = JSONValue.firstDifference(oldCore, newCore) {
                throw LoomError.configMismatch(folder: folder.path, difference: difference)
            }
        } else {
            try AtomicFile.write(Data(info.prettyText.utf8), to: infoURL)
        }
        AtomicFile.removeStrayTemporaries(in: folder)
    }

    /// Reads a shard log, drops a half-written last line, and rewrites the log if it had one.
    static func recoverLog(_ log: URL) throws -> [ManifestRecord] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let records = lines.compactMap { ManifestRecord(jsonLine: String($0)) }
        if records.count != lines.count || (!text.isEmpty && !text.hasSuffix("\n")) {
            let clean = records.map { $0.jsonLine + "\n" }.joined()
            try AtomicFile.write(Data(clean.utf8), to: log)
        }
        return records
    }

    /// Makes `pending` samples on `options.jobs` threads, appending each finished record to `log`.
    static func produce<G: DatasetGenerator>(_ generator: G, pending: [Int], log: URL,
                                              options: RunOptions) throws {
        guard !pending.isEmpty else { return }
        try AtomicFile.makeParent(of: log)
        if !FileManager.default.fileExists(atPath: log.path) {
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
                throw LoomError.unwritable(path: log.path, reason: "cannot create the shard log")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: log.path) else {
            throw LoomError.unwritable(path: log.path, reason: "cannot open the shard log")
        }
        handle.seekToEndOfFile()
        let writer = Mutex(handle)
        defer { writer.withLock { try? $0.close() } }
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let progress = Progress(label: G.name, total: pending.count, style: options.progress)
        let threads = min(options.jobs, pending.count)
        let streams = StreamFamily(seed: options.seed, dataset: generator.streamKey)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            do {
                var worker = try generator.makeWorker()
                while failure.withLock({ $0 == nil }) {
                    let slot = next.add(1, ordering: .relaxed).oldValue
                    guard slot < pending.count else { break }
                    let index = pending[slot]
                    var random = streams.stream(index)
                    let output = SampleOutput(folder: options.folder, index: index)
                    let labels = try worker.generate(index: index, random: &random, output: output)
                    let line = ManifestRecord(index: index, files: output.files, labels: labels).jsonLine + "\n"
                    do {
                        try writer.withLock { try $0.write(contentsOf: Data(line.utf8)) }
                    } catch {
                        throw AtomicFile.writeError(error, path: log.path)
                    }
                    progress.advance()
                }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Joins every shard log of `folder` into `manifest.jsonl` and the generator's tables.
    public static func merge<G: DatasetGenerator>(_ generator: G, folder: URL) throws {
        let shards = folder.appendingPathComponent(shardFolder)
        let logs = ((try? FileManager.default.contentsOfDirectory(atPath: shards.path)) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.sorted()
        var byIndex: [Int: ManifestRecord] = [:]
        for name in logs {
            for record in try recoverLog(shards.appendingPathComponent(name)) { byIndex[record.index] = record }
        }
        let missing = (0..<generator.sampleCount).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let layouts = Set(logs.map { String($0.split(separator: "-").last?.dropLast(6) ?? "") })
            let hint = layouts.compactMap(Int.init).map { n in
                (0..<n).filter { i in missing.contains { $0 % n == i } }.map { "\($0)/\(n)" }.joined(separator: ", ")
            }.joined(separator: "; ")
            throw LoomError.incompleteShards(
                folder: folder.path,
                detail: "\(missing.count) of \(generator.sampleCount) samples are missing"
                    + (hint.isEmpty ? "; run loom generate into this folder first" : "; finish shard(s) \(hint) first"))
        }
        let records = (0..<generator.sampleCount).compactMap { byIndex[$0] }
        try generator.finish(records: records, into: folder)
        try DatasetCard.write(generator, records: records, folder: folder)
        let text = records.map { $0.jsonLine + "\n" }.joined()
        try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(manifestName))
        try? FileManager.default.removeItem(at: shards)
    }

    /// Re-checks a finished dataset: every file against the manifest, the generator's own checks,
    /// and the tables against a fresh `finish`. Returns the problems found (empty when valid).
    public static func validate<G: DatasetGenerator>(_ generator: G, folder: URL) throws -> [String] {
        let manifestURL = folder.appendingPathComponent(manifestName)
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            let sharded = FileManager.default.fileExists(atPath: folder.appendingPathComponent(shardFolder).path)
            return [sharded ? "manifest.jsonl is missing: the shards are not merged yet (run loom merge)"
                            : "manifest.jsonl is missing: the run did not finish (run the same command again)"]
        }
        var problems: [String] = []
        let records = try ManifestRecord.readAll(manifestURL)
        let indices = records.map(\.index)
        if indices != Array(0..<generator.sampleCount) {
            problems.append("manifest.jsonl has \(records.count) records; expected indices 0..<\(generator.sampleCount) in order")
        }
        for record in records {
            for file in record.files {
                let path = folder.appendingPathComponent(file.path).path
                guard let (hex, bytes) = try? SHA256.hex(ofFile: path) else {
                    problems.append("sample \(record.index): \(file.path) is missing")
                    continue
                }
                if bytes != file.bytes { problems.append("sample \(record.index): \(file.path) is \(bytes) bytes, manifest says \(file.bytes)") }
                else if hex != file.sha256 { problems.append("sample \(record.index): \(file.path) does not match its sha256") }
            }
            problems += try generator.check(record: record, in: folder).map { "sample \(record.index): \($0)" }
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("loom-validate-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try generator.finish(records: records, into: scratch)
        let produced = FileManager.default.enumerator(atPath: scratch.path)?.allObjects as? [String] ?? []
        for relative in produced.sorted() {
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: scratch.appendingPathComponent(relative).path, isDirectory: &isDir)
                || isDir.boolValue { continue }
            let expected = try? Data(contentsOf: scratch.appendingPathComponent(relative))
            let actual = try? Data(contentsOf: folder.appendingPathComponent(relative))
            if actual == nil { problems.append("\(relative) is missing") }
            else if actual != expected { problems.append("\(relative) does not match the manifest's labels") }
        }
        return problems
    }
}
