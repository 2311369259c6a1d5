import LoomCore

/// Errors of the force-prompting generators.
public enum ForcePromptError: UserFacingError {
    /// A clip's file could not be written (a full disk, a vanished folder); the clip is not kept.
    case output(path: String, reason: String)
    /// A clip's cloth blew up (a non-finite node or an overstretched link); nothing of it is written.
    case unstable(clip: Int, frame: Int, stretch: Double, wind: Double, angle: Double)

    public var isUsageError: Bool {
        false
    }

    public var description: String {
        switch self {
        case .output(let path, let reason):
            "cannot write \(path): \(reason); free some space and run the same command again: finished clips are kept and the run resumes"
        case .unstable(let clip, let frame, let stretch, let wind, let angle):
            "clip \(clip): the cloth blew up at frame \(frame) (links stretched \(String(format: "%.2f", stretch))×) in \(String(format: "%.1f", wind)) m/s wind at \(String(format: "%.1f", angle))°; nothing of it was written. Lower wind_max or report the clip"
        }
    }
}
