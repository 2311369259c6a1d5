import LoomCore

/// The prompt files the original's CSV builder reads (reference §3.4, §7.3):
/// `backgrounds_soccer.json` and `backgrounds_bowling.json`, `{ground: {first_frame_path,
/// optimized_prompt}}`, one entry per ground. The builder takes a clip's caption from the entry of
/// the ground in its file name, so every ground the dataset can draw has one.
enum BallPrompts {
    static let soccerName = "backgrounds_soccer.json"
    static let bowlingName = "backgrounds_bowling.json"

    /// The file for one ball kind. `first_frame_path` is null: the builder never reads it, and we
    /// render no stand-alone first frames.
    static func json(grounds: [String], kind: BallClip.Kind) -> JSONValue {
        .object(grounds.map { ground in
            (ground, .object([("first_frame_path", .null),
                              ("optimized_prompt", .string(BallCaptions.caption(ground: ground, kind: kind)))]))
        })
    }
}
