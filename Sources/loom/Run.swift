import ArgumentParser
import Foundation
import LoomCore
import Yams

/// `loom run`: a pipeline file, step by step.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline file: its \(Pipeline.stepKinds.joined(separator: ", ")) steps in order.",
        discussion: """
            A pipeline is YAML: optional `seed` and `scale`, then `steps`, each one of
            `generate: <generator>`, `train: <stage>` or `loop: <experiment>`\(Pipeline.stepKinds.contains("probe") ? " or `probe: <stage>`" : ""), with an
            optional `as: <folder name>`, `seed: <n>` (this step's own seed) and `options: {...}`.
            Flags override the file's seed and scale.
            Unknown keys, wrong types and bad values are errors naming file, key and line.
            """
    )

    @Argument(help: "The pipeline file (e.g. pipelines/default.yaml).")
    var pipeline: String

    @OptionGroup var common: CommonOptions<ShardOption>

    func run() throws {
        let document = try ConfigDocument(contentsOf: URL(fileURLWithPath: pipeline))
        let plan = try Pipeline(document: document)
        let context = common.context(seed: plan.seed, scale: plan.scale)
        try plan.check(context)
        for (i, step) in plan.steps.enumerated() {
            context.note("step \(i + 1)/\(plan.steps.count): \(step.kind) \(step.name)")
            try step.run(context)
        }
        context.note("pipeline \(pipeline) done; outputs in \(context.out.path)")
    }
}

/// A decoded pipeline file: every step checked before any runs.
struct Pipeline {
    struct Step {
        let kind: String
        let name: String
        /// Whether the step splits its work by `--shard` (generate steps and sharding stages do).
        var shards = true
        /// The dataset folder a generate step writes under `--out` (nil for stages).
        var folder: ((StageContext) throws -> String)? = nil
        /// Resolves the step's options at the run's scale, so that a bad value stops the plan before any step runs.
        var check: (StageContext) throws -> Void = { _ in }
        let run: (StageContext) throws -> Void
    }

    /// Checks the whole plan before any step runs: every step can shard when `--shard` is given, and
    /// no two generate steps write one folder.
    func check(_ context: StageContext) throws {
        if context.shard != .whole, let (i, step) = steps.enumerated().first(where: { !$0.element.shards }) {
            let shardable = Registry.stages.filter { $0.shards }.map { "\($0.kind) \($0.name)" }.joined(separator: ", ")
            throw LoomError.usage("--shard \(context.shard): step \(i + 1) (\(step.kind) \(step.name)) does not shard; generate steps and \(shardable) do (run the others unsharded after the merge)")
        }
        var writers: [String: Int] = [:]
        for (i, step) in steps.enumerated() {
            try step.check(context)
            guard let folder = try step.folder?(context) else { continue }
            if let first = writers[folder] {
                throw LoomError.usage("steps \(first + 1) and \(i + 1) both write \(folder); give one of them `as: <another folder>`")
            }
            writers[folder] = i
        }
    }

    var seed: UInt64?
    var scale: Scale?
    var steps: [Step] = []

    init(document: ConfigDocument) throws {
        let file = document.file
        guard let root = document.root.mapping else {
            throw LoomError.config(file: file, key: "", line: document.root.mark?.line, message: "expected a mapping with `steps`")
        }
        for (key, value) in root {
            switch key.string {
            case "seed":
                guard let s = value.int, s >= 0 else {
                    throw LoomError.config(file: file, key: "seed", line: value.mark?.line, message: "expected a non-negative integer")
                }
                seed = UInt64(s)
            case "scale":
                guard let text = value.string, let s = Scale(rawValue: text) else {
                    throw LoomError.config(file: file, key: "scale", line: value.mark?.line, message: "expected quick or paper")
                }
                scale = s
            case "steps":
                guard let list = value.sequence else {
                    throw LoomError.config(file: file, key: "steps", line: value.mark?.line, message: "expected a list of steps")
                }
                for (i, node) in list.enumerated() { steps.append(try Self.step(node, index: i, document: document)) }
            default:
                throw LoomError.config(file: file, key: key.string ?? "?", line: key.mark?.line,
                                       message: "unknown key; expected seed, scale or steps")
            }
        }
        if steps.isEmpty {
            throw LoomError.config(file: file, key: "steps", line: document.root.mark?.line, message: "the pipeline has no steps")
        }
    }

    /// The step kinds a pipeline may use: `generate` and each kind that has a stage.
    static let stepKinds = ["generate"] + ["train", "loop", "probe"].filter { kind in Registry.stages.contains { $0.kind == kind } }

    static func step(_ node: Node, index: Int, document: ConfigDocument) throws -> Step {
        let file = document.file
        let prefix = "steps.\(index)"
        guard let mapping = node.mapping else {
            throw LoomError.config(file: file, key: prefix, line: node.mark?.line, message: "expected a mapping")
        }
        var kind: String?, name: String?, folder: String?, options: Node?, seed: UInt64?
        for (key, value) in mapping {
            switch key.string ?? "" {
            case let word where stepKinds.contains(word):
                guard kind == nil else {
                    throw LoomError.config(file: file, key: "\(prefix).\(key.string!)", line: key.mark?.line, message: "a step does one thing")
                }
                kind = key.string
                name = value.string
            case "as":
                folder = value.string
                if let problem = RunFolder.nameProblem(folder ?? "") {
                    throw LoomError.config(file: file, key: "\(prefix).as", line: value.mark?.line, message: "the folder name \(problem)")
                }
            case "seed":
                guard let s = value.int, s >= 0 else {
                    throw LoomError.config(file: file, key: "\(prefix).seed", line: value.mark?.line, message: "expected a non-negative integer")
                }
                seed = UInt64(s)
            case "options": options = value
            default:
                throw LoomError.config(file: file, key: "\(prefix).\(key.string ?? "?")", line: key.mark?.line,
                                       message: "unknown key; expected \(stepKinds.joined(separator: ", ")), plus as, seed and options")
            }
        }
        guard let kind, let name else {
            throw LoomError.config(file: file, key: prefix, line: node.mark?.line, message: "a step needs one of \(stepKinds.joined(separator: ", "))")
        }
        let optionsPrefix = "\(prefix).options"
        if kind == "generate" {
            guard let entry = Registry.generators.first(where: { $0.name == name }) else {
                throw LoomError.config(file: file, key: "\(prefix).generate", line: node.mark?.line,
                                       message: "unknown generator '\(name)'; expected one of \(Registry.generators.map { $0.name }.joined(separator: ", "))")
            }
            let (decoded, folderName) = try decodeOptions(entry, document: document, node: options, prefix: optionsPrefix)
            return Step(kind: kind, name: name, folder: { context in try folder ?? folderName(context) }) { context in
                try decoded(folder, context.with(seed: seed))
            }
        }
        if folder != nil, let asKey = mapping.first(where: { $0.key.string == "as" })?.key {
            throw LoomError.config(file: file, key: "\(prefix).as", line: asKey.mark?.line,
                                   message: "`as` names a generate step's dataset folder; a \(kind) step takes its output folder from its options")
        }
        guard let entry = Registry.stages.first(where: { $0.kind == kind && $0.name == name }) else {
            let known = Registry.stages.filter { $0.kind == kind }.map { $0.name }
            throw LoomError.config(file: file, key: "\(prefix).\(kind)", line: node.mark?.line,
                                   message: "unknown \(kind) stage '\(name)'; expected one of \(known.isEmpty ? "(none yet)" : known.joined(separator: ", "))")
        }
        let decoded = try decodeStage(entry, document: document, node: options, prefix: optionsPrefix)
        return Step(kind: kind, name: name, shards: entry.shards, check: decoded.check) { context in try decoded.run(context.with(seed: seed)) }
    }

    /// The step's run and its default folder name (which the generator decides from its options);
    /// unknown keys are refused now, values are checked at the run's scale by `Pipeline.check`.
    static func decodeOptions<E: GeneratorEntry>(_ entry: E.Type, document: ConfigDocument, node: Node?, prefix: String) throws
        -> (run: (String?, StageContext) throws -> Void, folder: (StageContext) throws -> String) {
        let resolve = try resolver(E.Options.self, owner: E.name, document: document, node: node, prefix: prefix)
        return ({ folder, context in try GeneratorRunner.run(E.self, options: try resolve(context), folder: folder, context: context) },
                { context in E.folderName(for: try E.expand(try resolve(context), scale: context.scale)[0]) })
    }

    static func decodeStage<E: StageEntry>(_ entry: E.Type, document: ConfigDocument, node: Node?,
                                           prefix: String) throws -> (check: (StageContext) throws -> Void, run: (StageContext) throws -> Void) {
        let resolve = try resolver(E.Options.self, owner: "\(E.kind) \(E.name)", document: document, node: node, prefix: prefix)
        return ({ context in _ = try resolve(context) }, { context in try E.run(options: try resolve(context), context: context) })
    }

    /// The step's options at a context's scale, from its `options:` mapping.
    static func resolver<O: ConfigOptions>(_ type: O.Type, owner: String, document: ConfigDocument, node: Node?,
                                           prefix: String) throws -> (StageContext) throws -> O {
        let layer = try node.map { try OptionLayer(node: $0, file: document.file, prefix: prefix) } ?? .empty
        try layer.checkKeys(O.self)
        return { context in try O.resolve(scale: context.scale, layers: [layer], owner: owner) }
    }
}
