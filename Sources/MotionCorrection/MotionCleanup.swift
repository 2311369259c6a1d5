import Foundation
import LoomCore
import Media
import Mocap
import Physics

/// `loom correct motion`: cleans up BVH motions (one file, or every `.bvh` under a folder such as a
/// mocap dataset) by tracking them with the Bullet humanoid, and writes the simulated motions with a
/// before/after table of the quality figures.
///
/// A BVH written by `loom generate mocap` (the humanoid's own joints) is tracked as it is, at its
/// own frame rate; any other skeleton (e.g. a CMU capture) is retargeted onto the humanoid first,
/// at the mocap dataset's 20 fps. Output in `out`: `clips/<path>.bvh` and `clips/<path>.npy`
/// (link positions, frames × links × 3, float32) per corrected motion, `quality.md`, `quality.csv`,
/// `quality.svg`, `config.json` and `README.md`.
public struct MotionCleanup: Sendable {
    /// The BVH file or folder of BVH files to clean up.
    public let input: URL
    /// The output folder.
    public let out: URL
    /// The fail-safe, frame rate and controller the motions are tracked with.
    public let settings: CorrectionSettings
    /// Worker threads, at least 1.
    public let jobs: Int
    /// How progress is reported on stderr.
    public let progress: ProgressStyle
    let humanoid: Humanoid

    /// One input motion: its name (path under the input, without `.bvh`) and its poses, or why it has none.
    struct Loaded: Sendable {
        let name: String
        let poses: [HumanoidPose]
        let fps: Double
        let problem: String?
    }

    /// A cleanup of `input` into `out`; throws a usage error for a bad strength or fail-safe distance.
    public init(input: URL, out: URL, strength: Double, failSafeError: Double?, jobs: Int, progress: ProgressStyle) throws {
        guard strength >= 0, strength.isFinite else {
            throw LoomError.usage("--strength must be a finite number of body weights, 0 or more (0: pure physics, 1: the humanoid's weight), not \(strength)")
        }
        if let failSafeError, !(failSafeError > 0) {
            throw LoomError.usage("--fail-safe must be a positive distance in metres (UHC's is 0.5), not \(failSafeError)")
        }
        self.input = input
        self.out = out
        settings = CorrectionSettings(strength: strength, failSafeError: failSafeError)
        self.jobs = max(1, jobs)
        self.progress = progress
        humanoid = try Humanoid(urdf: MotionSources.url(MocapSources.humanoidPath))
    }

    /// The `.bvh` files to clean up: each one's name (its path under the input folder, or its file
    /// name, without `.bvh`) and where it is.
    func inputFiles() throws -> [(name: String, url: URL)] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isFolder) else {
            throw LoomError.usage("\(input.path) does not exist; give a .bvh file or a folder of them (e.g. a mocap dataset)")
        }
        guard isFolder.boolValue else {
            guard input.pathExtension.lowercased() == "bvh" else { throw LoomError.usage("\(input.path) is not a .bvh file or a folder") }
            return [(String(input.lastPathComponent.dropLast(4)), input)]
        }
        let base = input.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.lowercased().hasSuffix(".bvh") { files.append(path) }
        }
        guard !files.isEmpty else { throw LoomError.usage("\(input.path) holds no .bvh file") }
        return files.sorted().map { (String($0.dropLast(4)), input.appendingPathComponent($0)) }
    }

    /// Reads one BVH as humanoid poses.
    func load(_ name: String, from url: URL) -> Loaded {
        do {
            let (motion, _) = try BVHFile.read(url)
            let names = motion.joints.map(\.name), links = Humanoid.linkNames
            if Set(names).isSubset(of: links) {
                guard names.count == links.count else {
                    return Loaded(name: name, poses: [], fps: 0, problem: "wrong joint count: \(names.count) of the humanoid's joints; it has \(links.count)")
                }
                return Loaded(name: name, poses: HumanoidBVH.poses(motion, humanoid: humanoid), fps: 1 / motion.frameTime, problem: nil)
            }
            let (times, poses) = try BVHRetarget(motion: motion, humanoid: humanoid, path: url.path).poses()
            let clip = MotionClip(times: times, poses: poses, fps: settings.fps)
            return Loaded(name: name, poses: clip.poses, fps: settings.fps, problem: nil)
        } catch {
            return Loaded(name: name, poses: [], fps: 0, problem: "\(error)")
        }
    }

    /// The resolved settings, as `config.json` holds them.
    var config: JSONValue {
        let c = settings.controller
        return .object([
            ("command", .string("correct motion")),
            ("input", .string(input.path)),
            ("strength_body_weights", .double(settings.strength)),
            ("helper_force_cap_n", .double(settings.strength * HumanoidTracker(humanoid: humanoid).weight)),
            ("fail_safe_m", settings.failSafeError.map(JSONValue.double) ?? .null),
            ("simulation_hz", .double(c.rate)), ("motor_kp", .double(c.kp)), ("motor_kd", .double(c.kd)),
            ("root_stiffness_per_s2", .double(c.rootStiffness)), ("root_damping_per_s", .double(c.rootDamping)),
            ("root_inertia_kg_m2", .double(c.rootInertia)), ("torque_cap_per_force_m", .double(c.torquePerForce)),
            ("ground_friction", .double(c.friction)), ("solver_iterations", .int(c.solverIterations)),
            ("self_collision", .bool(c.selfCollision)),
            ("max_torques_n_m", .array(Humanoid.maxTorques.map(JSONValue.double))),
            ("loom_version", .string(Loom.version)),
        ])
    }

    /// Cleans up every input; returns the outcomes, one per input file, in path order.
    @discardableResult
    public func run() throws -> [(name: String, outcome: ClipCorrection)] {
        let files = try inputFiles()
        let folder = try RunFolder(out, configFile: "config.json", config: config, lockName: "correct", purpose: "correct motion")
        let meter = ProgressReporter(label: "correct motion", total: files.count, style: progress)
        let settings = settings, humanoid = humanoid, cleanup = self
        let results: [(String, ClipCorrection, Double)] = withTrackers(count: files.count, jobs: jobs, humanoid: humanoid,
                                                                       controller: settings.controller, advance: { meter.advance() }) { tracker, i in
            let loaded = cleanup.load(files[i].name, from: files[i].url)
            if let problem = loaded.problem { return (loaded.name, .failed(problem), 0) }
            var run = settings
            run.fps = loaded.fps
            return (loaded.name, tracker.correct(loaded.poses, settings: run), loaded.fps)
        }
        for (name, outcome, fps) in results {
            guard let poses = outcome.poses else { continue }
            let base = folder.url.appendingPathComponent("clips").appendingPathComponent(name)
            try AtomicFile.makeParent(of: base)
            let bvh = HumanoidBVH.motion(poses, humanoid: humanoid, fps: fps)
            try AtomicFile.write(Data(BVHFile.text(bvh).utf8), to: base.appendingPathExtension("bvh"))
            let positions = poses.flatMap { humanoid.frame($0).positions.flatMap { [Float($0.x), Float($0.y), Float($0.z)] } }
            try Npy.write(positions, shape: [poses.count, humanoid.linkCount, 3], to: base.appendingPathExtension("npy"))
        }
        let report = CorrectionReport(rows: results.map { ($0.0, $0.1) }, settings: settings)
        try report.write(into: folder.url)
        return results.map { ($0.0, $0.1) }
    }
}
