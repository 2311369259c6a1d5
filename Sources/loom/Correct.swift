import ArgumentParser
import Foundation
import LoomCore
import MotionCorrection

/// `loom correct`: clean-up tools built on the self-correcting loop's correctors.
struct Correct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Clean up data with a corrector of the self-correcting loop.",
        subcommands: [CorrectMotion.self]
    )
}

/// `loom correct motion`: tracks motions with the Bullet humanoid and writes what physics allows.
struct CorrectMotion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motion",
        abstract: "Make motions physically plausible: DeepMimic's humanoid tracks each one in Bullet (no floating, no feet through the floor, no impossible jerks).",
        discussion: """
            IN is a .bvh file or a folder searched for .bvh files (a mocap dataset made by `loom generate mocap` works as it is). BVHs on the humanoid's own skeleton are tracked at their frame rate; others (e.g. CMU captures) are retargeted onto the humanoid at 20 fps first.

            The humanoid's joint motors (DeepMimic's torque caps) chase each frame's joint rotations at 600 Hz, and a PD "helper" force on the root pulls it toward the motion's root, capped at --strength body weights: 0 is pure physics (an unbalanced motion falls), 1 tracks most real motion. When the mean link error passes --fail-safe metres the humanoid is put back on the motion (UHC's fail-safe) and the reset counted.

            Writes to --out: clips/<name>.bvh and clips/<name>.npy (link positions) per motion; quality.md and quality.csv (tracking error, resets, penetration, floating, skating, jitter before and after, failures with their reason); quality.svg; config.json; README.md. Motions that cannot be corrected (bad values, wrong joints, under 2 frames, a simulation that blows up) are listed as failed and the run goes on; it exits 1 if any failed. See docs/motion.md.
            """
    )

    @Argument(help: "A .bvh file or a folder of them.")
    var input: String

    @Option(help: "The root helper's force cap in body weights (0: pure physics).")
    var strength: Double = 1

    @Option(name: .customLong("fail-safe"), help: "Reset to the motion when the mean link error passes this many metres (UHC's 0.5).")
    var failSafe: Double = 0.5

    @Flag(name: .customLong("no-fail-safe"), help: "Never reset: let the humanoid fall.")
    var noFailSafe = false

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "Worker threads, one Bullet world each (default: all cores).")
    var jobs: Int?

    @Flag(help: "Print no progress.")
    var quiet = false

    func run() throws {
        if let jobs, jobs < 1 { throw LoomError.usage("--jobs must be at least 1, not \(jobs)") }
        let cleanup = try MotionCleanup(input: URL(fileURLWithPath: input), out: URL(fileURLWithPath: out), strength: strength,
                                        failSafeError: noFailSafe ? nil : failSafe,
                                        jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, progress: quiet ? .quiet : .text)
        let results = try cleanup.run()
        let failed = results.filter { $0.outcome.failure != nil }
        if !quiet {
            ProgressReporter.note("\(out): \(results.count - failed.count) of \(results.count) motions corrected (quality.md)", style: .text)
        }
        for f in failed { ProgressReporter.note("failed: \(f.name): \(f.outcome.failure!)", style: .text) }
        if !failed.isEmpty { throw ExitCode.failure }
    }
}
