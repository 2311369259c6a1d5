import Foundation
import LoomCore
import Media

/// Makes SynTheory rows on one thread, with its own synthesizer reused for every clip.
public struct SynTheoryWorker: SampleWorker {
    let generator: SynTheoryGenerator
    let synthesizer: Synthesizer?
    /// The render buffer, reused (interleaved stereo).
    var audio: [Float] = []
    /// Encodes audio files in one reused buffer.
    let encoder = AudioEncoder()

    /// Makes info.csv row `index`: its MIDI file and, unless MIDI only, its audio.
    public mutating func generate(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels {
        do {
            return try make(index: index, random: &random, output: output)
        } catch {
            // A row is all or nothing: remove what it wrote before failing, so a rerun redoes it cleanly
            // (a full disk is LoomError.diskFull, whichever writer met it, and says the run resumes).
            for file in output.files { unlink(output.url(file.path).path) }
            throw error
        }
    }

    mutating func make(index: Int, random: inout RandomStream, output: SampleOutput) throws -> Labels {
        let row = generator.rows[index]
        let (combination, variant, crop) = generator.position(of: row)
        let spec = generator.concept.row(combination: combination, variant: variant)
        let paths = generator.paths(for: spec, crop: crop)
        let ownsFile = generator.ownsFile(index)
        if ownsFile { try output.write(spec.midi.encoded(), to: paths.midi) }

        let rate = SynTheoryGenerator.sampleRate
        let clipFrames = SynTheoryGenerator.clipSeconds * rate
        var clipStart = 0
        var cropLabels: [(String, LabelValue)] = []
        var renderFrames = spec.midi.lengthInFrames(sampleRate: rate)
        let writesFullRender = generator.concept.trimSeconds == nil || (ownsFile && generator.fullRenders)
        if let trim = generator.concept.trimSeconds {
            // A crop starts at a whole frame drawn uniformly from the row's own stream.
            let trimFrames = Int(trim) * rate
            clipStart = random.integer(below: trimFrames - clipFrames + 1)
            // Rendering is causal: a render that stops at the crop's end has the full render's samples.
            renderFrames = writesFullRender ? trimFrames : clipStart + clipFrames
            cropLabels = [("offset_file_path", .string(paths.offset)), ("offset_time", .double(Double(clipStart) / Double(rate)))]
        }
        var silent = LabelValue.string(""), peak = LabelValue.string("")
        if let synthesizer {
            try synthesizer.render(spec.midi, frames: renderFrames, into: &audio)
            let format = generator.format
            try audio.withUnsafeBufferPointer { all in
                if writesFullRender {
                    try encoder.withEncoded(all, format: format) { try output.write($0, to: paths.synth) }
                }
                var clip = all
                if generator.concept.trimSeconds != nil {
                    clip = UnsafeBufferPointer(rebasing: all[(2 * clipStart)..<(2 * (clipStart + clipFrames))])
                    try encoder.withEncoded(clip, format: format) { try output.write($0, to: paths.offset) }
                }
                // As a reader finds it in the file (integer formats round the samples).
                let level = format.storedPeak(AudioLevel.peak(clip))
                silent = .bool(level == 0)
                peak = .double(Double(String(level))!)
            }
        }
        return Labels([("row_id", .int(row))] + spec.leading
                      + [("midi_file_path", .string(paths.midi)), ("synth_file_path", .string(paths.synth))]
                      + cropLabels + [("synth_soundfont", .string(generator.soundFontName))] + spec.trailing
                      + [("is_silent", silent), (SynTheoryGenerator.peakColumn, peak)])
    }
}
