import Foundation

/// The version written into every `dataset.json`.
public enum Loom {
    /// SynthLoom's version (semver).
    public static let version = "0.1.0"
}

/// A dataset generator: given its resolved config and a sample index, it makes that sample's
/// files and labels, and at the end turns all labels into the dataset's tables.
public protocol DatasetGenerator: Sendable {
    /// The resolved config; written to `dataset.json` and enough to rebuild the generator.
    associatedtype Config: Codable & Sendable
    /// The per-thread object that holds heavy resources (a synthesizer, an encoder, a world).
    associatedtype Worker: SampleWorker

    /// The generator's name, as `loom generate <name>` and `dataset.json` spell it.
    static var name: String { get }
    /// The resolved config.
    var config: Config { get }
    /// The config as `dataset.json` stores it (a `ConfigOptions` config: snake_case keys in declaration order).
    var configJSON: JSONValue { get throws }
    /// Keys the per-sample random streams; datasets with different keys draw different numbers.
    var streamKey: String { get }
    /// How many samples the dataset has.
    var sampleCount: Int { get }
    /// Makes a worker; called once per thread.
    func makeWorker() throws -> Worker
    /// Writes the dataset-level files (CSV, arrays) from every record, in index order, into `folder`.
    /// Must be deterministic: `loom validate` runs it again and compares bytes.
    func finish(records: [ManifestRecord], into folder: URL) throws
    /// Generator-specific checks of one finished sample; returns problems found.
    func check(record: ManifestRecord, in folder: URL) throws -> [String]
    /// What the dataset card (`README.md` of the folder) says about the dataset.
    var card: DatasetCard { get }
    /// Files outside the folder the samples are made from (a SoundFont, texture images): their sha256
    /// goes into `dataset.json`, so a resume or another shard with changed contents is refused.
    var assets: [URL] { get }
}

extension DatasetGenerator {
    /// No outside files, unless the generator reads some.
    public var assets: [URL] { [] }
    /// The config encoded as JSON by its `Codable` conformance.
    public var configJSON: JSONValue { get throws { try JSONValue.encode(config) } }

    /// No generator-specific checks, unless the generator has some.
    public func check(record: ManifestRecord, in folder: URL) throws -> [String] { [] }

    /// A generic card that names the generator and points at the README.
    public var card: DatasetCard {
        DatasetCard(title: "SynthLoom \(Self.name) dataset",
                    summary: "A dataset made by SynthLoom's `\(Self.name)` generator; see the SynthLoom README and docs/.",
                    paper: "see the SynthLoom README")
    }
}

/// Makes samples one at a time; each thread owns one.
public protocol SampleWorker {
    /// Makes sample `index`: writes its files through `output` and returns its labels.
    mutating func generate(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels
}

/// Where a sample's files go: every file is written atomically and recorded with its size and hash.
public final class SampleOutput {
    /// The dataset folder.
    public let folder: URL
    /// The sample being made.
    public let index: Int
    /// The files written so far.
    public private(set) var files: [FileEntry] = []

    init(folder: URL, index: Int) {
        self.folder = folder
        self.index = index
    }

    /// The URL of a path relative to the dataset folder.
    public func url(_ relativePath: String) -> URL {
        folder.appendingPathComponent(relativePath)
    }

    /// Writes bytes to `relativePath`, hashing each piece just before it goes to the kernel.
    public func write(_ data: Data, to relativePath: String) throws {
        let hasher = try SHA256()
        try AtomicFile.write(data, to: url(relativePath)) { hasher.update($0) }
        files.append(FileEntry(path: relativePath, bytes: data.count, sha256: hasher.finalizeHex()))
    }

    /// Writes an array as `.npy` to `relativePath`, straight from memory and hashed on the way.
    public func writeNpy<T: NpyElement>(_ values: [T], shape: [Int], to relativePath: String) throws {
        let hasher = try SHA256()
        let bytes = try Npy.write(values, shape: shape, to: url(relativePath)) { hasher.update($0) }
        files.append(FileEntry(path: relativePath, bytes: bytes, sha256: hasher.finalizeHex()))
    }

    /// Lets `body` write a temporary file (e.g. through a C library), then hashes it and moves it into place.
    public func produce(_ relativePath: String, _ body: (URL) throws -> Void) throws {
        var entry: FileEntry?
        try AtomicFile.produce(url(relativePath)) { temp in
            try body(temp)
            let (hex, bytes) = try SHA256.hex(ofFile: temp.path)
            entry = FileEntry(path: relativePath, bytes: bytes, sha256: hex)
        }
        if let entry { files.append(entry) }
    }
}

extension DatasetGenerator where Config: ConfigOptions {
    /// The config as its snake_case keys in declaration order.
    public var configJSON: JSONValue { get throws { try config.json } }
}
