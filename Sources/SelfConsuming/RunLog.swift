import Foundation
import LoomCore

/// The files of one run: `<base>.jsonl` (a line per finished generation, with the model's state),
/// `<base>.corrected.npy` (one corrected batch per generation ≥ 1) while the run needs it to resume
/// its accumulated batches or when samples are kept, and `<base>.samples.npy` (the drawn batches)
/// when samples are kept.
///
/// A generation is finished when its line is written; batches are written before their line.
/// Writes are buffered and flushed every half second and when the run ends or fails, so a killed
/// run loses at most the last half second and resumes from its last finished generation.
final class RunLog {
    let lines: URL
    private let base: URL
    private let batchShape: [Int]
    private let pooled: Bool
    private let saveSamples: Bool
    private(set) var corrected: GrowingNpy?
    private(set) var samples: GrowingNpy?
    private var descriptor: Int32 = -1
    private var pendingText = ""
    private var pendingCorrected: [Double] = []
    private var pendingSamples: [Double] = []
    private var lastFlush = DispatchTime.now().uptimeNanoseconds

    /// The files of a run whose synthetic batches have shape `batchShape` (empty for no batches);
    /// `pooled` runs keep their corrected batches until they finish, to resume their accumulation.
    init(base: URL, batchShape: [Int], pooled: Bool, saveSamples: Bool) throws {
        lines = base.appendingPathExtension("jsonl")
        self.base = base
        self.batchShape = batchShape
        self.pooled = pooled
        self.saveSamples = saveSamples
        try AtomicFile.makeParent(of: lines)
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The records of the finished generations 0, 1, ... of an earlier run. A complete run (its
    /// `generations + 1` lines) is only read; otherwise a half-written line and any generation
    /// whose batches are missing are cut off and the files are opened for appending.
    func recover(generations: Int) throws -> [JSONValue] {
        let text = (try? String(contentsOf: lines, encoding: .utf8)) ?? ""
        var records: [JSONValue] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard let record = try? JSONValue.parse(String(line)), case .int(records.count)? = record["generation"] else { break }
            records.append(record)
        }
        if records.count == generations + 1 { return records }
        let hasBatches = batchShape.first ?? 0 > 0
        if hasBatches && (pooled || saveSamples) {
            corrected = try GrowingNpy(url: base.appendingPathExtension("corrected.npy"), itemShape: batchShape)
        }
        if hasBatches && saveSamples {
            samples = try GrowingNpy(url: base.appendingPathExtension("samples.npy"), itemShape: batchShape)
        }
        var finished = records.count
        if let stored = [corrected?.count, samples?.count].compactMap({ $0 }).min(), finished > 0 {
            finished = min(finished, stored + 1)  // generation t needs batch t − 1
        }
        records.removeLast(records.count - finished)
        let clean = records.map { $0.text + "\n" }.joined()
        if clean != text { try AtomicFile.write(Data(clean.utf8), to: lines) }
        try corrected?.truncate(to: max(finished - 1, 0))
        try samples?.truncate(to: max(finished - 1, 0))
        descriptor = open(lines.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw SystemError.writeFailure(errno, path: lines.path) }
        return records
    }

    /// Queues one finished generation: its record and, for generations ≥ 1, its batches.
    func append(_ record: JSONValue, samples drawn: [Double]?, corrected fixed: [Double]?) throws {
        pendingText += record.text + "\n"
        if corrected != nil, let fixed { pendingCorrected += fixed }
        if samples != nil, let drawn { pendingSamples += drawn }
        if DispatchTime.now().uptimeNanoseconds - lastFlush > 500_000_000 { try flush() }
    }

    /// Writes everything queued: batches first, then the lines that make their generations finished.
    func flush() throws {
        try corrected?.append(pendingCorrected)
        try samples?.append(pendingSamples)
        try Array(pendingText.utf8).withUnsafeBytes { try SystemError.writeAll(descriptor, $0, path: lines.path) }
        pendingText = ""
        pendingCorrected.removeAll(keepingCapacity: true)
        pendingSamples.removeAll(keepingCapacity: true)
        lastFlush = DispatchTime.now().uptimeNanoseconds
    }

    /// Flushes, then removes the corrected batches if they were kept only for resuming.
    func finish() throws {
        try flush()
        if let log = corrected, !saveSamples {
            corrected = nil
            unlink(log.url.path)
        }
    }
}
