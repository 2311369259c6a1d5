import Foundation
import LoomCore

/// The files of one run: `<base>.jsonl` (a line per finished generation, with the model's state)
/// and, where kept, `<base>.corrected.npy` and `<base>.samples.npy` (one batch per generation ≥ 1).
///
/// A generation is finished when its line is written; batches are written before their line.
/// Writes are buffered and flushed every half second and when the run ends or fails, so a killed
/// run loses at most the last half second and resumes from its last finished generation.
final class RunLog {
    let lines: URL
    let corrected: GrowingNpy?
    let samples: GrowingNpy?
    private var descriptor: Int32 = -1
    private var pendingText = ""
    private var pendingCorrected: [Double] = []
    private var pendingSamples: [Double] = []
    private var lastFlush = DispatchTime.now().uptimeNanoseconds

    /// Opens (or creates) the files of a run whose batches have shape `batchShape`.
    init(base: URL, batchShape: [Int], keepCorrected: Bool, keepSamples: Bool) throws {
        lines = base.appendingPathExtension("jsonl")
        try AtomicFile.makeParent(of: lines)
        corrected = keepCorrected ? try GrowingNpy(url: base.appendingPathExtension("corrected.npy"), itemShape: batchShape) : nil
        samples = keepSamples ? try GrowingNpy(url: base.appendingPathExtension("samples.npy"), itemShape: batchShape) : nil
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The records of the finished generations 0, 1, ... of an earlier run, after cutting off a
    /// half-written line and any generation whose batches are missing; opens the log for appending.
    func recover() throws -> [JSONValue] {
        let text = (try? String(contentsOf: lines, encoding: .utf8)) ?? ""
        var records: [JSONValue] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard let record = try? JSONValue.parse(String(line)), case .int(records.count)? = record["generation"] else { break }
            records.append(record)
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
        guard descriptor >= 0 else { throw LoomError.unwritable(path: lines.path, reason: String(cString: strerror(errno))) }
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
        var done = 0
        let bytes = Array(pendingText.utf8)
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, bytes.count - done) }
            guard n > 0 else { throw LoomError.unwritable(path: lines.path, reason: String(cString: strerror(errno))) }
            done += n
        }
        pendingText = ""
        pendingCorrected.removeAll(keepingCapacity: true)
        pendingSamples.removeAll(keepingCapacity: true)
        lastFlush = DispatchTime.now().uptimeNanoseconds
    }
}
