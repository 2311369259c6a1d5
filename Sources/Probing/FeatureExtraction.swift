import Foundation
import LoomCore
import Media
import Synchronization

/// The handcrafted features of every clip of one SynTheory dataset, computed on `jobs` threads
/// (each with its own FFT plans) into one flat array per representation; row i is sample i,
/// whatever the thread count.
public enum FeatureExtraction {
    /// The rows × dimensions matrices, by kind, row-major.
    public typealias Matrices = [ClipFeatures.Kind: [Float]]

    /// Extracts the features of `dataset`'s clips; `clips[i]` is sample i's audio path relative to the dataset.
    public static func extract(_ dataset: SynTheoryTable, jobs: Int, progress: ProgressStyle) throws -> Matrices {
        let n = dataset.rows.count
        let storage = Mutex<Matrices>(Dictionary(uniqueKeysWithValues: ClipFeatures.Kind.allCases.map {
            ($0, [Float](repeating: 0, count: n * $0.dimensions))
        }))
        let meter = ProgressReporter(label: "features \(dataset.concept.name)", total: n, style: progress)
        try WorkQueue(jobs: jobs).forEach(Array(0..<n), state: { ClipFeatures() }) { extractor, i in
            let path = dataset.folder.appendingPathComponent(dataset.rows[i].clip).path
            let audio: AudioData
            do {
                audio = try SoundFile.read(path)
            } catch {
                throw LoomError.runtime("cannot read \(path): \(error); regenerate the dataset (loom validate names damaged files)")
            }
            let (mel, mfcc, chroma) = extractor.features(try extractor.prepare(audio, path: path))
            let aggregate = mel + chroma + mfcc
            guard aggregate.allSatisfy(\.isFinite) else {
                throw LoomError.runtime("\(path): its features hold NaN or infinity; check the clip (loom validate)")
            }
            storage.withLock { m in
                for (kind, row) in [(ClipFeatures.Kind.mel, mel), (.mfcc, mfcc), (.chroma, chroma), (.aggregate, aggregate)] {
                    m[kind]!.replaceSubrange((i * kind.dimensions)..<((i + 1) * kind.dimensions), with: row)
                }
            }
            meter.advance()
        }
        return storage.withLock { $0 }
    }
}
