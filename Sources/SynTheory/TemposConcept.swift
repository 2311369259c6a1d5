import LoomCore

/// `tempos`: 50–210 BPM × 5 click configurations; each 4/4 click track (`bpm / 3 + 1` quarter-note
/// clicks, downbeat every 4th, CC91 = 0) is rendered, cut to 20.0 s, and cropped to 4.0 s windows.
struct TemposConcept: Concept {
    let name = ConceptName.tempos
    let clicks: [ClickConfig]
    let crops: Int
    let combinations = 161
    let trimSeconds: Double? = 20

    var variants: Int { clicks.count }

    func row(combination index: Int, variant: Int) -> RowSpec {
        let bpm = 50 + index
        let config = clicks[variant]
        return RowSpec(
            stem: "\(bpm)_bpm_\(config.name)",
            midi: ClipTrack.clicks(meter: (4, 4), bpm: bpm, count: bpm / 3 + 1, unit: ClipTrack.ticksPerQuarter,
                                   config: config, reverbSend: 0),
            leading: [("bpm", .int(bpm)), ("click_config_name", .string(config.name)),
                      ("midi_program_num", .int(config.program))])
    }
}
