import Foundation
import LoomCore
import Media
import SynTheory

/// `loom bench syntheory`: the notes concept end to end (MIDI, render, float WAV, hashes, manifest),
/// the same in 16-bit FLAC (the quick scale's format), the synthesizer alone on the same files, and
/// the same MIDI files rendered by one `fluidsynth -F` process each, as the original's approach.
enum SynTheoryBench {
    /// 108 notes rows, each note C0–B8 once, the instruments taken in turn from all 92.
    static let options = SynTheoryOptions.defaults(for: .paper).with { $0.concept = .notes; $0.stratified = true }
    /// Files the command-line renderer gets (it is slow; this many give a stable per-file figure).
    static let cliFiles = 24

    static let benchCase = BenchCase(
        name: "syntheory",
        summary: "SynTheory notes: clips/s and real-time factor per core end to end, beside one fluidsynth -F process per MIDI file."
    ) { options in
        let (generator, folder, seconds, cpu) = try endToEnd(Self.options, into: options.scratch.appendingPathComponent("notes"),
                                                             jobs: options.jobs)
        let clips = Double(generator.sampleCount)
        let audioSeconds = clips * Double(SynTheoryGenerator.clipSeconds)
        var figures = [
            "clips": clips,
            "seconds": seconds,
            "clips_per_s": clips / seconds,
            "realtime_factor_per_core": audioSeconds / seconds / Double(options.jobs),
            "cpu_ms_per_clip": 1000 * cpu / clips,
            "realtime_factor_per_cpu_s": audioSeconds / cpu,
        ]
        var flac = Self.options
        flac.audioFormat = .flac16
        let flacRun = try endToEnd(flac, into: options.scratch.appendingPathComponent("notes-flac16"), jobs: options.jobs)
        figures["flac16_cpu_ms_per_clip"] = 1000 * flacRun.cpu / clips
        let allMIDI = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".mid") }.sorted()
        // The synthesizer alone on the same files (no MIDI writing, encoding, hashing or files), with
        // the same set-up as end to end: one SoundFont load per worker, counted in the same process clock.
        let files = try allMIDI.map { try MIDIFile(contentsOf: folder.appendingPathComponent($0)) }
        var buffer: [Float] = []
        let renderBefore = cpuSeconds(RUSAGE_SELF)
        let perWorker = (files.count + options.jobs - 1) / options.jobs
        for start in stride(from: 0, to: files.count, by: max(1, perWorker)) {
            let synthesizer = try Synthesizer(soundFont: Synthesizer.defaultSoundFont,
                                              sampleRate: SynTheoryGenerator.sampleRate)
            for file in files[start..<min(start + perWorker, files.count)] {
                try synthesizer.render(file, frames: SynTheoryGenerator.clipSeconds * SynTheoryGenerator.sampleRate,
                                       into: &buffer)
            }
        }
        let renderOnly = 1000 * (cpuSeconds(RUSAGE_SELF) - renderBefore) / Double(files.count)
        figures["render_only_cpu_ms_per_clip"] = renderOnly
        figures["end_to_end_over_render_only"] = 1000 * cpu / clips / renderOnly
        figures["flac16_end_to_end_over_render_only"] = 1000 * flacRun.cpu / clips / renderOnly
        figures["file_write_cpu_ms_per_clip"] = try writeOnlyMilliseconds(folder: folder, scratch: options.scratch)
        let midiFiles = allMIDI.prefix(cliFiles)
        let childBefore = cpuSeconds(RUSAGE_CHILDREN)
        if let cli = try? cliSecondsPerFile(Array(midiFiles), in: folder, scratch: options.scratch) {
            let cliCPU = (cpuSeconds(RUSAGE_CHILDREN) - childBefore) / Double(midiFiles.count)
            figures["fluidsynth_cli_ms_per_file"] = 1000 * cli
            figures["fluidsynth_cli_cpu_ms_per_file"] = 1000 * cliCPU
            figures["fluidsynth_cli_realtime_factor"] = Double(SynTheoryGenerator.clipSeconds) / cli
            figures["speedup_vs_cli_per_core"] = cli / (seconds * Double(options.jobs) / clips)
            figures["speedup_vs_cli_per_cpu_s"] = cliCPU / (cpu / clips)
        }
        return figures
    }

    /// Generates `options` at paper scale into `folder`; returns the wall and CPU seconds it took.
    static func endToEnd(_ options: SynTheoryOptions, into folder: URL, jobs: Int) throws
        -> (generator: SynTheoryGenerator, folder: URL, seconds: Double, cpu: Double) {
        let generator = try SynTheoryGenerator(options: options.completed(for: .paper))
        let cpuBefore = cpuSeconds(RUSAGE_SELF)
        let seconds = try Bench.time {
            try DatasetRun.generate(generator, options: RunOptions(folder: folder, seed: 0, scale: .paper, jobs: jobs, progress: .quiet))
        }
        return (generator, folder, seconds, cpuSeconds(RUSAGE_SELF) - cpuBefore)
    }

    /// CPU ms per clip to write the end-to-end run's WAV bytes again, unhashed, to fresh files (no
    /// synthesis, no encoding): the part of end to end that any renderer writing files pays, most of
    /// it the kernel filling new page-cache pages.
    static func writeOnlyMilliseconds(folder: URL, scratch: URL) throws -> Double {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".wav") }.sorted()
        let clips = try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        let out = scratch.appendingPathComponent("write-only")
        let before = cpuSeconds(RUSAGE_SELF)
        for (i, clip) in clips.enumerated() { try AtomicFile.write(clip, to: out.appendingPathComponent("\(i).wav")) }
        return 1000 * (cpuSeconds(RUSAGE_SELF) - before) / Double(max(1, clips.count))
    }

    /// User plus system CPU seconds of this process (`RUSAGE_SELF`) or its finished children.
    static func cpuSeconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Renders each file with its own `fluidsynth -F` process (float WAV, 44.1 kHz, reverb and
    /// chorus on, the same SoundFont); returns the mean seconds per file, or nil without fluidsynth.
    static func cliSecondsPerFile(_ files: [String], in folder: URL, scratch: URL) throws -> Double? {
        guard !files.isEmpty, let binary = ["/usr/bin/fluidsynth", "/usr/local/bin/fluidsynth"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        let out = scratch.appendingPathComponent("cli")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let seconds = try Bench.time {
            for (i, name) in files.enumerated() {
                let run = try Subprocess.capture(URL(fileURLWithPath: binary), ["-ni", "-q", "-F", out.appendingPathComponent("\(i).wav").path, "-r", "44100",
                                     "-O", "float", "-T", "wav", "-R", "1", "-C", "1",
                                     Synthesizer.defaultSoundFont, folder.appendingPathComponent(name).path])
                guard run.succeeded else {
                    throw LoomError.runtime("fluidsynth -F failed on \(name) (exit \(run.status))")
                }
            }
        }
        return seconds / Double(files.count)
    }
}
