import LoomCore
import Media

/// Options of `loom generate syntheory`; unset values take their defaults when resolved.
public struct SynTheoryOptions: ConfigOptions, Equatable {
    /// One of `ConceptName` (tempos, time_signatures, notes, intervals, scales, chords, chord_progressions).
    public var concept: String?
    /// Tonal concepts: the General MIDI programs (0–127) to play, in order. Default: the reference's
    /// 92 tonal programs (paper), or 6 of them (quick).
    public var instruments: [Int]?
    /// Rhythm concepts: the click configurations to use, by name (default: all five).
    public var clickConfigs: [String]?
    /// Keep one instrument (or click configuration) per label combination, taken in turn, instead
    /// of all of them: every label value stays present (default: true at quick, false at paper).
    public var stratified: Bool?
    /// Rhythm concepts: 4-second crops per rendered click file (default 5 for tempos and 10 for
    /// time_signatures at paper; 1 and 2 at quick).
    public var crops: Int?
    /// Keep only the first N rows.
    public var limit: Int?
    /// The SoundFont (default /usr/share/sounds/sf2/TimGM6mb.sf2 from Debian timgm6mb-soundfont).
    public var soundfont: String?
    /// `wav` (32-bit float WAV, default at paper), `pcm16` (16-bit WAV), `flac` (24-bit FLAC) or
    /// `flac16` (16-bit FLAC, default at quick).
    public var audioFormat: String?
    /// Write MIDI files and info.csv only, no audio.
    public var midiOnly: Bool?
    /// File names without `#` and `"` (`C#` becomes `Cs`, quotes are dropped).
    public var safeNames: Bool?
    /// Rhythm concepts: also write each click file's full-length render (20 s or 30 s) that the crops
    /// are cut from, as the original keeps it (default: true at paper, false at quick).
    public var fullRenders: Bool?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case concept, instruments, stratified, crops, limit, soundfont
        case clickConfigs = "click_configs"
        case audioFormat = "audio_format"
        case midiOnly = "midi_only"
        case safeNames = "safe_names"
        case fullRenders = "full_renders"
    }

    public init(concept: String? = nil, instruments: [Int]? = nil, clickConfigs: [String]? = nil, stratified: Bool? = nil,
                crops: Int? = nil, limit: Int? = nil, soundfont: String? = nil, audioFormat: String? = nil,
                midiOnly: Bool? = nil, safeNames: Bool? = nil, fullRenders: Bool? = nil) {
        self.concept = concept
        self.instruments = instruments
        self.clickConfigs = clickConfigs
        self.stratified = stratified
        self.crops = crops
        self.limit = limit
        self.soundfont = soundfont
        self.audioFormat = audioFormat
        self.midiOnly = midiOnly
        self.safeNames = safeNames
        self.fullRenders = fullRenders
    }

    /// The programs the quick scale plays: piano, guitar, violin, choir (a name with quotes),
    /// flute and a synth lead.
    public static let quickInstruments = [0, 24, 40, 52, 73, 81]

    public func validate() throws {
        guard let concept else {
            throw ConfigValueError("concept", "name a concept: \(ConceptName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let name = ConceptName(rawValue: concept) else {
            throw ConfigValueError("concept", "unknown concept '\(concept)'; expected one of "
                                   + ConceptName.allCases.map(\.rawValue).joined(separator: ", "))
        }
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
        if let audioFormat, AudioFormat(rawValue: audioFormat) == nil {
            throw ConfigValueError("audio_format", "unknown format '\(audioFormat)'; expected wav, pcm16, flac or flac16")
        }
        if fullRenders != nil, !name.isRhythm {
            throw ConfigValueError("full_renders", "only tempos and time_signatures have full renders to keep")
        }
        if let soundfont, soundfont.isEmpty { throw ConfigValueError("soundfont", "give a path") }
    }
}
