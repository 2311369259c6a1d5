import LoomCore

/// `time_signatures`: 8 meters × 3 reverb levels × 5 click configurations at 120 BPM; each click
/// track (about 30 s) is rendered, cut to 30.0 s, and cropped to 4.0 s windows.
struct TimeSignaturesConcept: Concept {
    let name = ConceptName.timeSignatures
    let clicks: [ClickConfig]
    let crops: Int
    let combinations = 8 * 3
    let trimSeconds: Double? = 30

    var variants: Int { clicks.count }

    static let meters = [(2, 2), (2, 4), (3, 4), (3, 8), (4, 4), (6, 8), (9, 8), (12, 8)]
    /// CC91 of reverb levels 0, 1, 2.
    static let reverbSends = [0, 63, 127]
    static let bpm = 120

    /// The reference's test: a multiple of 3 beats over anything but a quarter note (so 3/8 counts).
    static func isCompound(_ meter: (Int, Int)) -> Bool {
        meter.0 % 3 == 0 && meter.1 != 4
    }

    func row(combination index: Int, variant: Int) -> RowSpec {
        let meter = Self.meters[index / 3]
        let reverb = index % 3
        let config = clicks[variant]
        let compound = Self.isCompound(meter)
        // Compound meters click on eighth notes; the others on the beat unit (half, quarter).
        let unit = compound ? ClipTrack.ticksPerQuarter / 2 : ClipTrack.ticksPerQuarter * 4 / meter.1
        let count = meter.1 * (Self.bpm / 2) / 4 + 1
        return RowSpec(
            stem: "\(meter.0)_\(meter.1)_\(Self.bpm)_bpm_\(config.name)_reverb_level_\(reverb)",
            midi: ClipTrack.clicks(meter: meter, bpm: Self.bpm, count: count, unit: unit, config: config,
                                   reverbSend: Self.reverbSends[reverb]),
            leading: [("time_signature", .string("(\(meter.0), \(meter.1))")), ("time_signature_beats", .int(meter.0)),
                      ("time_signature_subdivision", .int(meter.1)), ("is_compound", .int(compound ? 1 : 0)),
                      ("bpm", .int(Self.bpm)), ("click_config_name", .string(config.name)),
                      ("midi_program_num", .int(config.program))],
            trailing: [("reverb_level", .int(reverb))])
    }
}
