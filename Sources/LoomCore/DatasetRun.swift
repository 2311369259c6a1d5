import Foundation
import Synchronization

/// How to run a generator: where, which seed and scale, which shard, how many threads.
public struct RunOptions: Sendable {
    /// The dataset folder (`<out>/<dataset>`).
    public var folder: URL
    /// The run's seed; with the stream key it fixes every sample.
    public var seed: UInt64
    /// The scale the run is made at, recorded in `dataset.json`.
    public var scale: Scale
    /// The slice of the samples this run makes.
    public var shard: Shard
    /// Worker threads, at least 1.
    public var jobs: Int
    /// How progress is reported on stderr.
    public var progress: ProgressStyle

    /// Options for a run; `jobs` below 1 is taken as 1.
    public init(folder: URL, seed: UInt64, scale: Scale, shard: Shard = .whole,
                jobs: Int = WorkQueue.availableCPUs, progress: ProgressStyle = .text) {
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
        let assets = try generator.assets.map { url in (url.relativePath, JSONValue.string(try SHA256.hex(ofFile: url.path).hex)) }
        return .object([
            ("generator", .string(G.name)),
            ("loom_version", .string(Loom.version)),
            ("seed", .int(Int(truncatingIfNeeded: seed))),
            ("scale", .string(scale.rawValue)),
            ("stream_key", .string(generator.streamKey)),
            ("config", try generator.configJSON),
            ("count", .int(generator.sampleCount)),
            ("sharding", .string("--shard I/N makes the samples with index % N == I; loom merge joins them")),
        ] + (assets.isEmpty ? [] : [("asset_sha256", .object(assets))]))
    }

    /// Generates the samples of `options.shard` that are not done yet; merges when the run is unsharded.
    @discardableResult
    public static func generate<G: DatasetGenerator>(_ generator: G, options: RunOptions) throws -> RunSummary {
        let folder = options.folder
        // The merge holds every manifest record (a few hundred bytes each) in memory.
        try MemoryBudget.check(Double(generator.sampleCount) * 512, for: "a dataset of \(generator.sampleCount) samples",
                               fix: "make fewer samples per dataset")
        let owned = try prepare(folder: folder, info: info(generator, seed: options.seed, scale: options.scale),
                                shard: options.shard)
        defer { withExtendedLifetime(owned) {} }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(manifestName).path) {
            ProgressReporter.note("\(folder.path): already complete", style: options.progress)
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

    /// Opens the dataset folder for `shard`: takes its lock, checks or writes `dataset.json`, and
    /// removes temporaries left by killed runs.
    static func prepare(folder: URL, info: JSONValue, shard: Shard) throws -> RunFolder {
        try RunFolder(folder, configFile: infoName, config: info, lockName: "shard-\(shard.index)-of-\(shard.count)",
                      purpose: shard.count == 1 ? "this dataset" : "shard \(shard)")
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
        let progress = ProgressReporter(label: G.name, total: pending.count, style: options.progress)
        let streams = StreamFamily(seed: options.seed, dataset: generator.streamKey)
        try WorkQueue(jobs: options.jobs).forEach(pending, state: generator.makeWorker) { worker, index in
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
    }

    /// Joins every shard log of `folder` into `manifest.jsonl` and the generator's tables; returns
    /// false when the folder was merged already (nothing to do).
    @discardableResult
    public static func merge<G: DatasetGenerator>(_ generator: G, folder: URL) throws -> Bool {
        let lock = try FolderLock(folder: folder, name: "merge", purpose: "the merge")
        defer { withExtendedLifetime(lock) {} }
        let shards = folder.appendingPathComponent(shardFolder)
        let logs = ((try? FileManager.default.contentsOfDirectory(atPath: shards.path)) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.sorted()
        if logs.isEmpty, FileManager.default.fileExists(atPath: folder.appendingPathComponent(manifestName).path) {
            return false
        }
        var byIndex: [Int: ManifestRecord] = [:]
        for name in logs {
            for record in try recoverLog(shards.appendingPathComponent(name)) { byIndex[record.index] = record }
        }
        let missing = (0..<generator.sampleCount).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw LoomError.incompleteShards(folder: folder.path, detail: missingDetail(missing, of: generator.sampleCount, logs: logs))
        }
        let records = (0..<generator.sampleCount).compactMap { byIndex[$0] }
        AtomicFile.removeStrayTemporaries(in: folder)
        try generator.finish(records: records, into: folder)
        try DatasetCard.write(generator, records: records, folder: folder)
        // The tables are the files the finish and the card wrote: everything that is not a sample's or loom's own.
        let own: Set<String> = Set(records.flatMap { $0.files.map(\.path) }).union([infoName, manifestName, checksumsName])
        let tables = regularFiles(below: folder).filter { name in
            !own.contains(name) && !name.hasPrefix(shardFolder + "/") && !name.hasPrefix(FolderLock.folderName + "/")
                && ProcessIdentity.owner(ofTemporary: (name as NSString).lastPathComponent) == nil
        }
        let text = records.map { $0.jsonLine + "\n" }.joined()
        try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(manifestName))
        try writeChecksums(folder, records: records, tables: tables)
        try? FileManager.default.removeItem(at: shards)
        return true
    }

    /// What to tell a user whose shards do not cover every sample.
    static func missingDetail(_ missing: [Int], of total: Int, logs: [String]) -> String {
        let layouts = Set(logs.compactMap { name -> Int? in
            let parts = name.dropLast(6).split(separator: "-")
            return parts.count == 3 ? Int(parts[2]) : nil
        })
        let count = "\(missing.count) of \(total) samples are missing"
        if layouts.isEmpty { return count + "; nothing was generated into this folder yet: run loom generate into it first" }
        if layouts == [1] { return count + "; the run did not finish: run the same loom generate command again to resume" }
        let hint = layouts.filter { $0 > 1 }.sorted().map { n in
            (0..<n).filter { i in missing.contains { $0 % n == i } }.map { "\($0)/\(n)" }.joined(separator: ", ")
        }.joined(separator: "; ")
        return count + "; finish shard(s) \(hint) first (rerun them with the same command: they resume)"
    }

    /// The file that lists every file of a merged dataset with its sha256, as `sha256sum -c` reads it.
    static let checksumsName = "SHA256SUMS"

    /// Re-checks a finished dataset: every file against the manifest, the generator's own checks,
    /// the tables against a fresh `finish`, `dataset.json` and the tables against `SHA256SUMS`, and
    /// no stray files. Never follows a symbolic link or a `..` path out of the folder. Returns the
    /// problems found (empty when valid).
    public static func validate<G: DatasetGenerator>(_ generator: G, folder: URL) throws -> [String] {
        let manifestURL = folder.appendingPathComponent(manifestName)
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            let logs = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(shardFolder).path)) ?? []
            if logs.contains(where: { $0.hasSuffix("-of-1.jsonl") }) || logs.isEmpty {
                return ["manifest.jsonl is missing: the run did not finish (run the same loom generate command again to resume)"]
            }
            return ["manifest.jsonl is missing: the shards are not merged yet (finish every shard, then run loom merge)"]
        }
        var problems: [String] = []
        let (records, lineProblems) = try readManifest(manifestURL)
        problems += lineProblems
        let complete = records.map(\.index) == Array(0..<generator.sampleCount)
        if !complete {
            let seen = Set(records.map(\.index))
            let missing = (0..<generator.sampleCount).filter { !seen.contains($0) }
            let duplicates = records.count - seen.count
            problems.append("manifest.jsonl has \(records.count) readable records; expected indices 0..<\(generator.sampleCount) in order"
                + (missing.isEmpty ? "" : " (\(missing.count) missing, first \(missing[0]))")
                + (duplicates > 0 ? " (\(duplicates) duplicated)" : ""))
        }
        var listed: Set<String> = [infoName, manifestName, checksumsName]
        for record in records {
            for file in record.files {
                listed.insert(file.path)
                if let escape = escapes(file.path, in: folder) {
                    problems.append("sample \(record.index): \(file.path) \(escape)")
                    continue
                }
                let path = folder.appendingPathComponent(file.path).path
                guard let (hex, bytes) = try? SHA256.hex(ofFile: path) else {
                    problems.append("sample \(record.index): \(file.path) is missing")
                    continue
                }
                if bytes != file.bytes { problems.append("sample \(record.index): \(file.path) is \(bytes) bytes, manifest says \(file.bytes)") }
                else if hex != file.sha256 { problems.append("sample \(record.index): \(file.path) does not match its sha256") }
            }
            if complete { problems += try generator.check(record: record, in: folder).map { "sample \(record.index): \($0)" } }
        }
        if complete {
            problems += try compareTables(generator, records: records, folder: folder, listed: &listed)
        } else {
            problems.append("the tables were not checked: the manifest is incomplete")
        }
        problems += checkSums(folder, samples: Set(records.flatMap { $0.files.map(\.path) }), listed: &listed)
        problems += strayFiles(in: folder, listed: listed)
        return problems
    }

    /// Reads a manifest, reporting torn, empty or malformed lines instead of failing.
    static func readManifest(_ url: URL) throws -> ([ManifestRecord], [String]) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LoomError.unreadable(path: url.path, reason: SystemError.reason(error))
        }
        var records: [ManifestRecord] = [], problems: [String] = []
        let text = String(decoding: data, as: UTF8.self)
        if !text.isEmpty && !text.hasSuffix("\n") { problems.append("manifest.jsonl does not end with a newline (torn last line)") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (n, line) in lines.enumerated() where n > 0 || !line.isEmpty {
            if line.isEmpty {
                if n < lines.count - 1 { problems.append("manifest.jsonl line \(n + 1) is empty") }
                continue
            }
            if let record = ManifestRecord(jsonLine: String(line)) { records.append(record) }
            else { problems.append("manifest.jsonl line \(n + 1) is torn or malformed") }
        }
        return (records, problems)
    }

    /// Why a manifest path may not be read (absolute, `..`, or through a symbolic link), or nil.
    static func escapes(_ relative: String, in folder: URL) -> String? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        if relative.hasPrefix("/") || parts.contains("..") || parts.contains("") { return "points outside the dataset folder (not followed)" }
        var path = folder.path
        for part in parts {
            path += "/" + part
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { return "is a symbolic link (not followed)" }
        }
        return nil
    }

    /// Runs `finish` into a scratch folder and compares every table it writes with the folder's.
    static func compareTables<G: DatasetGenerator>(_ generator: G, records: [ManifestRecord], folder: URL,
                                                   listed: inout Set<String>) throws -> [String] {
        let scratch = try AtomicFile.systemScratchFolder(purpose: "loom-validate")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try generator.finish(records: records, into: scratch)
        var problems: [String] = []
        for relative in regularFiles(below: scratch) {
            listed.insert(relative)
            let expected = try? Data(contentsOf: scratch.appendingPathComponent(relative))
            if let escape = escapes(relative, in: folder) { problems.append("\(relative) \(escape)"); continue }
            let actual = try? Data(contentsOf: folder.appendingPathComponent(relative))
            if actual == nil { problems.append("\(relative) is missing") }
            else if actual != expected { problems.append("\(relative) does not match the manifest's labels") }
        }
        return problems
    }

    /// The regular files below `folder`, as sorted relative paths.
    static func regularFiles(below folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDir) && !isDir.boolValue
        }.sorted()
    }

    /// Writes `SHA256SUMS`: `dataset.json`, `manifest.jsonl` and every other file of the folder.
    static func writeChecksums(_ folder: URL, records: [ManifestRecord], tables: [String]) throws {
        var lines: [String] = []
        for name in [infoName, manifestName] + tables {
            let (hex, _) = try SHA256.hex(ofFile: folder.appendingPathComponent(name).path)
            lines.append("\(hex)  \(name)")
        }
        for record in records { for file in record.files { lines.append("\(file.sha256)  \(file.path)") } }
        try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: folder.appendingPathComponent(checksumsName))
    }

    /// Compares `dataset.json`, `manifest.jsonl` and the tables with the hashes `SHA256SUMS` lists.
    static func checkSums(_ folder: URL, samples: Set<String>, listed: inout Set<String>) -> [String] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(checksumsName), encoding: .utf8) else {
            return ["\(checksumsName) is missing: the folder was not merged by this version of loom (run loom merge again)"]
        }
        var problems: [String] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { problems.append("\(checksumsName) has a malformed line"); continue }
            let name = String(parts[1].drop { $0 == " " })
            listed.insert(name)
            // Sample files are checked against the manifest above; here the files it does not cover.
            if samples.contains(name) { continue }
            if escapes(name, in: folder) != nil { problems.append("\(checksumsName) names \(name) outside the folder"); continue }
            guard let (hex, _) = try? SHA256.hex(ofFile: folder.appendingPathComponent(name).path) else {
                problems.append("\(name) is missing"); continue
            }
            if hex != parts[0] {
                problems.append(name == infoName ? "dataset.json was edited after the dataset was made (its sha256 differs from \(checksumsName))"
                                                 : "\(name) was changed after the dataset was made (its sha256 differs from \(checksumsName))")
            }
        }
        return problems
    }

    /// Files below `folder` that neither the manifest nor the tables account for (symbolic links included, never followed).
    static func strayFiles(in folder: URL, listed: Set<String>) -> [String] {
        var problems: [String] = []
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isSymbolicLinkKey, .isDirectoryKey],
                                                          options: []) else { return [] }
        let base = folder.standardizedFileURL.path
        while let url = walker.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            let values = try? url.resourceValues(forKeys: [.isSymbolicLinkKey, .isDirectoryKey])
            if relative == FolderLock.folderName { walker.skipDescendants(); continue }
            if values?.isSymbolicLink == true {
                if !listed.contains(relative) { problems.append("stray symbolic link \(relative) (not followed)") }
                walker.skipDescendants()
                continue
            }
            if values?.isDirectory == true { continue }
            if !listed.contains(relative) { problems.append("stray file \(relative) (not in the manifest or the tables)") }
        }
        return problems.sorted()
    }
}
