import Foundation
import LoomCore
import Media

/// `loom generate syntheory`: one SynTheory concept as MIDI files, FluidSynth audio and the
/// reference's `info.csv`.
///
/// A sample is one info.csv row. Rhythm rows are 4-second crops; the first selected row of each
/// rendered click file also writes that file's `.mid` and, with `full_renders`, its full-length audio.
public struct SynTheoryGenerator: DatasetGenerator {
    /// The name `loom generate` and `dataset.json` use.
    public static let name = "syntheory"
    /// The rendering sample rate (Hz).
    public static let sampleRate = 44_100
    /// Length of every clip a row points at: 4.0 s.
    public static let clipSeconds = 4

    /// The resolved options.
    public let config: SynTheoryOptions
    /// One stream key per concept.
    public var streamKey: String { "syntheory/\(conceptName.rawValue)" }
    /// One sample per selected info.csv row.
    public var sampleCount: Int { rows.count }

    let conceptName: ConceptName
    let concept: any Concept
    /// The grid rows this dataset holds, ascending: sample `i` is grid row `rows[i]` (its `row_id`).
    let rows: [Int]
    let format: AudioFormat
    let midiOnly: Bool
    /// Rhythm concepts: whether each click file's full-length render is written too.
    let fullRenders: Bool
    let safeNames: Bool
    /// The SoundFont file's name, as `synth_soundfont` records it.
    let soundFontName: String
    /// info.csv's header.
    let columns: [String]

    /// Checks the options (completed for a scale, one concept) and that the SoundFont exists when
    /// audio is made.
    public init(options: SynTheoryOptions) throws {
        try options.validate()
        guard let name = options.concept.name else {
            throw ConfigValueError("concept", "one dataset holds one concept; name one of \(ConceptName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let concept: any Concept
        if name.isRhythm {
            let known = try ClickConfig.load()
            let clicks = try (options.clickConfigs ?? known.map(\.name)).map { wanted in
                guard let config = known.first(where: { $0.name == wanted }) else {
                    throw ConfigValueError("click_configs", "unknown click configuration '\(wanted)'; expected one of "
                                           + known.map(\.name).joined(separator: ", "))
                }
                return config
            }
            let crops = options.crops ?? name.quickCrops
            concept = name == .tempos ? TemposConcept(clicks: clicks, crops: crops)
                                      : TimeSignaturesConcept(clicks: clicks, crops: crops)
        } else {
            let table = try InstrumentTable.load()
            let instruments = (options.instruments ?? SynTheoryOptions.quickInstruments).map { table.all[$0] }
            concept = switch name {
            case .notes: NotesConcept(instruments: instruments)
            case .intervals: IntervalsConcept(instruments: instruments)
            case .scales: ScalesConcept(instruments: instruments)
            case .chords: ChordsConcept(instruments: instruments)
            default: ChordProgressionsConcept(instruments: instruments)
            }
        }
        if !options.midiOnly { try Synthesizer.checkSoundFont(options.soundfont) }

        config = options
        conceptName = name
        self.concept = concept
        rows = Array(Self.select(concept, stratified: options.stratified).prefix(options.limit ?? Int.max))
        format = options.audioFormat
        midiOnly = options.midiOnly
        safeNames = options.safeNames
        fullRenders = name.isRhythm && options.fullRenders == true
        soundFontName = URL(fileURLWithPath: options.soundfont).lastPathComponent
        let first = concept.row(combination: 0, variant: 0)
        columns = ["row_id"] + first.leading.map(\.0) + ["midi_file_path", "synth_file_path"]
            + (name.isRhythm ? ["offset_file_path", "offset_time"] : []) + ["synth_soundfont"]
            + first.trailing.map(\.0) + ["is_silent", Self.peakColumn]
    }

    /// Our column after the reference's: the largest absolute sample of the clip.
    static let peakColumn = "peak_amplitude"

    /// The grid rows to make, ascending. Stratified keeps, for each label combination, one variant
    /// (with all its crops): within each run of `variants` consecutive combinations every variant
    /// is used once, in an order shuffled by the run's number, so no label predicts the instrument.
    static func select(_ concept: any Concept, stratified: Bool) -> [Int] {
        guard stratified else { return Array(0..<concept.rowCount) }
        let variants = concept.variants, crops = concept.crops
        var rows: [Int] = []
        rows.reserveCapacity(concept.combinations * crops)
        var order: [Int] = []
        for combination in 0..<concept.combinations {
            if combination % variants == 0 {
                var random = RandomStream(seed: 0, dataset: "syntheory/stratified", index: combination / variants)
                order = random.permutation(variants)
            }
            let variant = order[combination % variants]
            for crop in 0..<crops { rows.append((combination * variants + variant) * crops + crop) }
        }
        return rows
    }

    /// Grid coordinates of a row id.
    func position(of row: Int) -> (combination: Int, variant: Int, crop: Int) {
        let crops = concept.crops, variants = concept.variants
        return (row / (variants * crops), row / crops % variants, row % crops)
    }

    /// Whether sample `index` is the first selected row of its rendered file (it writes the `.mid`
    /// and, for rhythm concepts, the full-length audio).
    func ownsFile(_ index: Int) -> Bool {
        index == 0 || rows[index - 1] / concept.crops != rows[index] / concept.crops
    }

    /// The files a row points at, relative to the dataset folder.
    func paths(for spec: RowSpec, crop: Int) -> (midi: String, synth: String, offset: String) {
        let stem = FileNaming.stem(spec.stem, safe: safeNames)
        let ext = format.fileExtension
        let synth = midiOnly || (conceptName.isRhythm && !fullRenders) ? "" : "\(stem).\(ext)"
        return ("\(stem).mid", synth, midiOnly || !conceptName.isRhythm ? "" : "\(stem)_offset_\(crop).\(ext)")
    }

    /// The SoundFont, when audio is made.
    public var assets: [URL] { midiOnly ? [] : [URL(fileURLWithPath: config.soundfont)] }

    /// A worker with its own synthesizer (none when only MIDI is written).
    public func makeWorker() throws -> SynTheoryWorker {
        SynTheoryWorker(generator: self,
                        synthesizer: midiOnly ? nil : try Synthesizer(soundFont: config.soundfont, sampleRate: Self.sampleRate))
    }

    /// Writes `info.csv`: the reference's columns in its order, then ours, one row per sample.
    public func finish(records: [ManifestRecord], into folder: URL) throws {
        var table = CSVTable(header: columns)
        for record in records {
            table.append(columns.map { record.labels[$0]?.description ?? "" })
        }
        try table.write(to: folder.appendingPathComponent("info.csv"))
    }

    /// Checks a finished row: its columns, its MIDI file against the row's definition, and its
    /// clip's length, channels and rate.
    public func check(record: ManifestRecord, in folder: URL) throws -> [String] {
        var problems: [String] = []
        if record.labels.entries.map(\.key) != columns { problems.append("its labels are not info.csv's columns") }
        guard record.index < rows.count, case .string(let midiPath)? = record.labels["midi_file_path"] else {
            return problems + ["it is not a row of this dataset"]
        }
        let (combination, variant, _) = position(of: rows[record.index])
        var expected = concept.row(combination: combination, variant: variant).midi
        expected.tracks[0].append(.endOfTrack)
        if (try? MIDIFile(contentsOf: folder.appendingPathComponent(midiPath))) != expected {
            problems.append("\(midiPath) is not the MIDI this row defines")
        }
        let clip = record.labels.string(conceptName.isRhythm ? "offset_file_path" : "synth_file_path") ?? ""
        if !clip.isEmpty {
            let frames = Self.clipSeconds * Self.sampleRate
            if let info = try? SoundFile.info(folder.appendingPathComponent(clip).path) {
                if info.frames != frames || info.channels != 2 || info.sampleRate != Self.sampleRate {
                    problems.append("\(clip) has \(info.frames) frames, \(info.channels) channels at \(info.sampleRate) Hz; expected \(frames), 2 at \(Self.sampleRate)")
                }
            } else {
                problems.append("\(clip) cannot be read as audio")
            }
        }
        return problems
    }
}
