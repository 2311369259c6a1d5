import LoomCore

/// Errors of the self-consuming loop engine, its correctors and its experiments.
public enum SelfConsumingError: UserFacingError {
    /// A corrector failed at a generation; the run stopped after the last finished generation.
    case correctorFailed(corrector: String, generation: Int, run: String, reason: String)
    /// Training or evaluating the model failed at a generation (e.g. NaN); finished generations are kept.
    case modelFailed(generation: Int, run: String, reason: String)

    /// Always false: these are failures of a run, not of its command line.
    public var isUsageError: Bool {
        false
    }

    /// The message, saying that finished generations are kept and how to resume.
    public var description: String {
        switch self {
        case .correctorFailed(let corrector, let generation, let run, let reason):
            return "corrector '\(corrector)' failed at generation \(generation) (\(run)): \(reason); "
                + "finished generations are kept, fix the corrector and rerun the same command to resume"
        case .modelFailed(let generation, let run, let reason):
            return "the model failed at generation \(generation) (\(run)): \(reason); finished generations are kept, rerun the same command to resume"
        }
    }
}
