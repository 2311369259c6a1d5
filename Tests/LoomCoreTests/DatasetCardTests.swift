import Foundation
import Testing
@testable import LoomCore

/// A generator whose samples are one audio file each, with labels that have units.
struct ToyAudioGenerator: DatasetGenerator {
    struct Config: Codable, Sendable { var count: Int }
    static let name = "toy-audio"
    let config: Config
    var streamKey: String { "toy-audio" }
    var sampleCount: Int { config.count }

    struct Worker: SampleWorker {
        mutating func generate(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels {
            try output.write(Data("RIFF\(index)".utf8), to: "audio/\(index).wav")
            try output.write(Data("MThd".utf8), to: "midi/\(index).mid")
            return ["pitch_hz": .double(220 + 10 * Double(index)), "note": .string(["A", "B"][index % 2])]
        }
    }

    func makeWorker() throws -> Worker { Worker() }
    func finish(records: [ManifestRecord], into folder: URL) throws {}

    var card: DatasetCard {
        DatasetCard(title: "Toy tones", summary: "Tones for the card test.", paper: "none",
                    sources: [.init("toy SoundFont", "CC0")], files: [.init("`audio/<i>.wav`", "the tone")],
                    labels: [.init("pitch_hz", "fundamental frequency, Hz")])
    }
}

@Suite("Dataset cards")
struct DatasetCardTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-cards-\(getpid())-\(UUID().uuidString)")

    @Test func everyFolderGetsACardWithItsDataDictionary() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("tones")
        try DatasetRun.generate(ToyAudioGenerator(config: .init(count: 3)),
                                options: RunOptions(folder: folder, seed: 7, scale: .quick, jobs: 2, progress: .quiet))
        let card = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(card.hasPrefix("---\npretty_name: \"Toy tones\"\n"))
        #expect(card.contains("`loom generate toy-audio` (loom \(Loom.version), commit `"))
        #expect(card.contains("loom generate toy-audio --seed 7 --scale quick"))
        #expect(card.contains("| toy SoundFont | CC0 |"))
        #expect(card.contains("| `pitch_hz` | float | 220 to 240 | fundamental frequency, Hz |"))
        #expect(card.contains("| `note` | string | 2 distinct |  |"))
        #expect(card.contains("load_dataset(\"audiofolder\", data_dir=folder)"))
        // The Hugging Face metadata names the audio file (not the MIDI) of every sample, then its labels.
        let lines = try String(contentsOf: folder.appendingPathComponent("metadata.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == #"{"file_name":"audio/0.wav","index":0,"pitch_hz":220.0,"note":"A"}"#)
        #expect(lines.count == 3)
    }

    @Test func foldersWithoutMediaGetNoMetadataFile() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("files")
        try DatasetRun.generate(ToyFilesGenerator(config: .init(count: 4)),
                                options: RunOptions(folder: folder, seed: 1, scale: .quick, jobs: 1, progress: .quiet))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("metadata.jsonl").path))
    }
}
