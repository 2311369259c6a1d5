import Foundation
import Learn
import LoomCore
import Media

/// An `embeddings:` source that is a program loom runs on the clips itself, over LoomCore's `.npy` +
/// JSON protocol (`ExternalProgram`, version `loom-extractor/1`, docs/syntheory.md).
///
/// Per batch of up to `batch` clips, loom writes `audio.npy` (float32, clips × samples: mono at
/// 22,050 Hz, peak-normalised, zero-padded to the longest clip of the batch) and `request.json`
/// (`protocol`, `extractor`, `concept`, `batch`, `batches`, `row_ids`, `clips` (absolute paths),
/// `lengths`, `sample_rate`, `shape`, `dtype`, `input`, `layers`, `outputs`: layer → path). The
/// program writes one float32 or float64 `.npy` of clips × dimensions per layer. Every finished
/// batch is kept in the cache; the assembled matrices are reused while the manifest, the command,
/// the layers and the batch size stay the same.
struct EmbeddingExtractor {
    let source: EmbeddingSource
    let program: ExternalProgram
    /// The layers asked for; one, `embeddings`, when the source names none.
    let layers: [String]
    let batchSize: Int

    static let protocolVersion = "loom-extractor/1"
    static let defaultTimeout = 600.0
    static let defaultBatch = 32

    /// Checks that the program exists (a usage error otherwise).
    init(_ source: EmbeddingSource) throws {
        self.source = source
        do {
            program = try ExternalProgram(command: source.command ?? [], name: source.name, timeout: source.timeout ?? Self.defaultTimeout,
                                          persistent: source.persistent ?? false, role: "extractor")
        } catch let error as ExternalProgramFailure {
            throw LoomError.usage("embeddings: \(error.description)")
        }
        layers = source.layers ?? ["embeddings"]
        batchSize = source.batch ?? Self.defaultBatch
    }

    /// The matrices (rows × dimensions, one per layer) of `table`'s rows, read from `cache` when
    /// they were extracted with the same manifest, command, layers and batch size.
    func matrices(for table: SynTheoryTable, cache: URL, progress: ProgressStyle) throws -> [Matrix] {
        let manager = FileManager.default
        let n = table.rows.count
        let stamp = JSONValue.object([
            ("protocol", .string(Self.protocolVersion)), ("manifest_sha256", .string(table.manifestHash)), ("rows", .int(n)),
            ("command", .array(program.command.map { .string($0) })), ("layers", .array(layers.map { .string($0) })), ("batch", .int(batchSize)),
        ])
        let stampURL = cache.appendingPathComponent("extractor.json")
        if let text = try? String(contentsOf: stampURL, encoding: .utf8), (try? JSONValue.parse(text)) == stamp {
            ProgressReporter.note("embeddings \(source.name) \(table.concept.name): reused \(cache.path)", style: progress)
            return try layers.map { layer in
                let url = cache.appendingPathComponent("\(layer).npy")
                let array = try Npy.read(url)
                guard array.shape.count == 2, array.shape[0] == n, array.descr == "<f4" else {
                    throw LoomError.runtime("\(url.path) is \(array.descr) \(array.shape), expected float32 [\(n), d]; remove \(cache.path) to extract again")
                }
                return Matrix(rows: n, cols: array.shape[1], values: try array.values(as: Float.self))
            }
        }
        // Finished batches of this very configuration, kept across failed runs.
        let key = try SHA256.hex(of: Data(stamp.text.utf8))
        let parts = cache.appendingPathComponent("batches-\(key.prefix(16))")
        for old in (try? manager.contentsOfDirectory(atPath: cache.path)) ?? [] where old.hasPrefix("batches-") && old != parts.lastPathComponent {
            try? manager.removeItem(at: cache.appendingPathComponent(old))
        }
        try manager.createDirectory(at: parts, withIntermediateDirectories: true)
        let batches = (n + batchSize - 1) / batchSize
        let meter = ProgressReporter(label: "embeddings \(source.name) \(table.concept.name)", total: batches, style: progress)
        var columns: [[Float]] = layers.map { _ in [] }
        var widths: [Int?] = layers.map { _ in nil }
        let prepare = ClipFeatures()
        for b in 0..<batches {
            let rows = (b * batchSize)..<min((b + 1) * batchSize, n)
            func failure(_ reason: String) -> LoomError {
                .runtime("extractor '\(source.name)' failed on \(table.concept.name), batch \(b + 1) of \(batches) (rows \(rows.lowerBound)-\(rows.upperBound - 1)): \(reason)"
                    + (b > 0 ? "; \(b) finished batch\(b == 1 ? "" : "es") kept in \(parts.path)" : ""))
            }
            let files = layers.map { parts.appendingPathComponent("\(b)-\($0).npy") }
            if !files.allSatisfy({ manager.fileExists(atPath: $0.path) }) {
                do {
                    try extract(table, rows: rows, batch: b, of: batches, into: files, prepare: prepare)
                } catch let error as ExternalProgramFailure {
                    throw failure(error.description)
                }
            }
            for (k, file) in files.enumerated() {
                let array = try Npy.read(file)
                if let width = widths[k], width != array.shape[1] {
                    throw failure("returned \(array.shape[1]) dimensions for layer '\(layers[k])', \(width) in an earlier batch")
                }
                widths[k] = array.shape[1]
                columns[k] += try array.values(as: Float.self)
            }
            meter.advance()
        }
        var index = CSVTable(header: ["row_id"])
        for row in table.rows { index.append([String(row.rowID)]) }
        try index.write(to: cache.appendingPathComponent("rows.csv"))
        let matrices = zip(columns, widths).map { Matrix(rows: n, cols: $1!, values: $0) }
        for (layer, matrix) in zip(layers, matrices) {
            try Npy.write(matrix.values, shape: [n, matrix.cols], to: cache.appendingPathComponent("\(layer).npy"))
        }
        try AtomicFile.write(Data(stamp.prettyText.utf8), to: stampURL)
        try? manager.removeItem(at: parts)
        return matrices
    }

    /// Runs the program on one batch and writes its checked layers to `files` as float32.
    /// - Throws: `ExternalProgramFailure` when it fails or returns a wrong shape, dtype or value.
    func extract(_ table: SynTheoryTable, rows: Range<Int>, batch b: Int, of batches: Int, into files: [URL], prepare: ClipFeatures) throws {
        let folder = try AtomicFile.systemScratchFolder(purpose: "loom-extractor")
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = rows.map { table.folder.appendingPathComponent(table.rows[$0].clip).path }
        let clips = try paths.map { path in
            do {
                return try prepare.prepare(try SoundFile.read(path), path: path)
            } catch let error as LoomError {
                throw error
            } catch {
                throw LoomError.runtime("cannot read \(path): \(error); regenerate the dataset (loom validate names damaged files)")
            }
        }
        let samples = clips.map(\.count).max() ?? 0
        var audio = [Float](repeating: 0, count: clips.count * samples)
        for (i, clip) in clips.enumerated() { audio.replaceSubrange((i * samples)..<(i * samples + clip.count), with: clip) }
        let input = folder.appendingPathComponent("audio.npy")
        try Npy.write(audio, shape: [clips.count, samples], to: input)
        let outputs = layers.map { folder.appendingPathComponent("\($0).npy") }
        let request = JSONValue.object([
            ("protocol", .string(Self.protocolVersion)), ("extractor", .string(source.name)), ("concept", .string(table.concept.name)),
            ("batch", .int(b)), ("batches", .int(batches)),
            ("row_ids", .array(rows.map { .int(table.rows[$0].rowID) })), ("clips", .array(paths.map { .string($0) })),
            ("lengths", .array(clips.map { .int($0.count) })), ("sample_rate", .int(ClipFeatures.sampleRate)),
            ("shape", .array([.int(clips.count), .int(samples)])), ("dtype", .string("float32")), ("input", .string(input.path)),
            ("layers", .array(layers.map { .string($0) })),
            ("outputs", .object(zip(layers, outputs).map { ($0, .string($1.path)) })),
        ])
        let said = try program.call(request, in: folder)
        for (layer, (output, file)) in zip(layers, zip(outputs, files)) {
            let array = try program.output(output, said: said)
            guard array.shape.count == 2, array.shape[0] == clips.count, array.shape[1] > 0 else {
                throw ExternalProgramFailure("returned shape \(array.shape) for layer '\(layer)', expected [\(clips.count), dimensions]")
            }
            guard let values = try array.floats() else {
                throw ExternalProgramFailure("returned dtype \(array.descr) for layer '\(layer)'; write float32 or float64")
            }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw ExternalProgramFailure("returned a non-finite value (\(values[bad])) for layer '\(layer)' in clip \(rows.lowerBound + bad / array.shape[1])")
            }
            try Npy.write(values, shape: array.shape, to: file)
        }
    }
}
