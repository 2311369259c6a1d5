/// Captions for the flag clips: one per background, as the original's GPT-4o captions are one per
/// HDRI (reference §4.3). They never depend on the wind, the colour or the number of flags.
///
/// Every caption says "flag", "wind", "breeze" and "flutter" (or "flutters"): the keywords the
/// paper's ablation found to matter at training time.
public enum FlagCaptions {
    /// The caption of clips in front of `background`.
    public static func caption(background: String) -> String {
        if let known = builtIn[background] { return known }
        let words = background.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        let place = words.isEmpty ? "an open place" : "a scene of \(words)"
        return "A flag on a tall metal pole with a gold finial stands in front of \(place). At first the cloth hangs still; then the wind picks up and the flag begins to flutter and wave, its fabric rippling in the breeze while the camera stays fixed."
    }

    /// The built-in procedural backgrounds (`ProceduralSky.names`).
    static let builtIn: [String: String] = [
        "meadow_hills": "A flag on a tall metal pole with a gold finial stands before green rolling hills under a bright blue sky with scattered white clouds. The cloth hangs limp at first; then the wind rises and the flag starts to flutter, rippling and snapping in the breeze as sunlight plays across its folds.",
        "city_skyline": "A single flag on a slender metal pole topped with a gold finial rises in front of a city skyline of tall buildings under a clear, hazy sky. After a calm moment the wind arrives and the flag flutters and waves, its fabric billowing in the breeze above the streets.",
        "sunset_coast": "At sunset by the sea, a flag on a dark metal pole with a golden finial stands against an orange and pink sky over calm water. The cloth is still at first, then a wind comes off the sea and the flag begins to flutter, its fabric rippling in the warm evening breeze.",
        "overcast_fields": "Under a grey, overcast sky above quiet fields, a flag hangs from a tall metal pole with a gold finial. Then the wind picks up and the flag lifts and flutters, its cloth waving and rippling in the cool breeze while the clouds stay heavy and still.",
        "night_city": "At night, in front of a dark city skyline dotted with lit windows and a starry sky, a lit flag hangs on a metal pole with a gold finial. A wind starts to blow and the flag flutters and waves, its fabric rippling in the night breeze against the glowing buildings.",
        "snowy_mountains": "High in the mountains, a flag on a metal pole with a gold finial stands before snow-capped peaks under a deep blue sky. The cloth hangs still, then a cold wind sweeps down and the flag flutters hard, rippling and waving in the crisp alpine breeze.",
        "desert_dunes": "In a sunlit desert of rolling sand dunes, a flag on a tall metal pole with a gold finial stands under a pale sky. At first it hangs motionless; then a hot wind rises and the flag flutters and waves, its fabric rippling in the dry breeze.",
        "autumn_park": "In an autumn park lined with trees in red and orange leaves, a flag on a metal pole with a gold finial hangs under a soft sky with drifting clouds. The wind picks up and the flag begins to flutter and wave, its cloth rippling gently in the breeze.",
    ]
}
