import LoomCore
import Media

/// Options of `loom generate syntheory`.
public struct SynTheoryOptions: ConfigOptions {
    @Setting("The concept (all: the seven, one dataset folder each).")
    public var concept = ConceptChoice.all
    @Setting("Tonal concepts: the General MIDI programs 0-127 to play, in order (none: the original's 92 tonal programs; quick scale 0,24,40,52,73,81).")
    public var instruments: [Int]? = nil
    @Setting("Rhythm concepts: the click configurations to play, by name (none: all five).")
    public var clickConfigs: [String]? = nil
    @Setting("Keep one instrument (or click configuration) per label combination, in turn, instead of all of them; every label value stays present.")
    public var stratified = true
    @Setting("Rhythm concepts: 4-second crops per rendered click file (none: 5 for tempos and 10 for time_signatures; quick scale 1 and 2).")
    public var crops: Int? = nil
    @Setting("Keep only the first N rows.")
    public var limit: Int? = nil
    @Setting("The SoundFont (Debian's timgm6mb-soundfont, the original's).")
    public var soundfont = Synthesizer.defaultSoundFont
    @Setting("wav (32-bit float), pcm16 (16-bit WAV), flac (24-bit) or flac16 (16-bit FLAC).")
    public var audioFormat = AudioFormat.flac16
    @Setting("Write MIDI files and info.csv only (the audio columns stay empty).")
    public var midiOnly = false
    @Setting("File names without # and \" (C# becomes Cs, quotes are dropped).")
    public var safeNames = false
    @Setting("Rhythm concepts: also keep each click file's full 20 s / 30 s render that the crops are cut from (none: on at paper scale, off at quick).")
    public var fullRenders: Bool? = nil

    /// The quick-scale defaults.
    public init() {}

    /// The quick defaults, or every instrument in turn as WAV at paper scale.
    public static func defaults(for scale: Scale) -> Self {
        Self().with { if scale == .paper { $0.stratified = false; $0.audioFormat = .wav } }
    }

    /// The instruments, crops and full renders of the concept at `scale`, where none were given.
    public func completed(for scale: Scale) throws -> Self {
        guard let name = concept.name else { return self }
        var options = self
        if name.isRhythm {
            options.clickConfigs = try clickConfigs ?? ClickConfig.load().map(\.name)
            options.crops = crops ?? (scale == .quick ? name.quickCrops : name.paperCrops)
            options.fullRenders = fullRenders ?? (scale == .paper)
        } else {
            options.instruments = try instruments ?? (scale == .quick ? Self.quickInstruments : InstrumentTable.load().tonal.map(\.program))
        }
        return options
    }

    /// The programs the quick scale plays: piano, guitar, violin, choir (a name with quotes),
    /// flute and a synth lead.
    public static let quickInstruments = [0, 24, 40, 52, 73, 81]

    /// Rejects options the concept cannot take and values out of range.
    public func validate() throws {
        guard let name = concept.name else { return }
        let concept = name.rawValue
        if let instruments {
            if name.isRhythm { throw ConfigValueError("instruments", "\(concept) plays click configurations; use click_configs") }
            guard !instruments.isEmpty else { throw ConfigValueError("instruments", "give at least one program") }
            if let bad = instruments.first(where: { !(0...127).contains($0) }) {
                throw ConfigValueError("instruments", "program number \(bad) is outside 0-127")
            }
            guard Set(instruments).count == instruments.count else {
                throw ConfigValueError("instruments", "a program is listed twice")
            }
        }
        if let clickConfigs {
            if !name.isRhythm { throw ConfigValueError("click_configs", "\(concept) plays instruments; use instruments") }
            guard !clickConfigs.isEmpty, Set(clickConfigs).count == clickConfigs.count else {
                throw ConfigValueError("click_configs", "give each click configuration once")
            }
        }
        if let crops {
            if !name.isRhythm { throw ConfigValueError("crops", "only tempos and time_signatures are cropped") }
            guard (1...1000).contains(crops) else { throw ConfigValueError("crops", "must be 1-1000, not \(crops)") }
        }
        if let limit, limit < 1 { throw ConfigValueError("limit", "must be at least 1, not \(limit)") }
        if fullRenders != nil, !name.isRhythm {
            throw ConfigValueError("full_renders", "only tempos and time_signatures have full renders to keep")
        }
        if soundfont.isEmpty { throw ConfigValueError("soundfont", "give a path") }
    }
}

/// A concept, or all seven.
public enum ConceptChoice: String, Codable, Sendable, CaseIterable {
    case tempos
    case timeSignatures = "time_signatures"
    case notes, intervals, scales, chords
    case chordProgressions = "chord_progressions"
    case all

    /// The one concept chosen; nil for `all`.
    public var name: ConceptName? { ConceptName(rawValue: rawValue) }

    /// The concept of this name.
    public init(_ name: ConceptName) { self = ConceptChoice(rawValue: name.rawValue)! }
}
