/// Captions for the rolling-ball clips: one per ground material and ball kind, as the original's
/// GPT-4o captions are one per ground texture (reference §3.4). They never depend on the force, the
/// ball count or the ball's colour.
///
/// Every soccer caption says "ball" and "roll"; every bowling caption says "heavy bowling ball" and
/// "roll": the keywords the paper's ablation found to matter at training time.
public enum BallCaptions {
    /// The caption of clips on `ground` with a `kind` ball.
    public static func caption(ground: String, kind: BallClip.Kind) -> String {
        let surface = describe(ground)
        let templates = kind == .bowling ? bowlingTemplates : soccerTemplates
        let pick = ground.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xffff } % templates.count
        return templates[pick](surface.long, surface.short)
    }

    /// Phrases for a ground: a long one to open the caption, a short one to refer back to it.
    /// Built-in grounds have their own; user images are matched by the words in their names.
    static func describe(_ ground: String) -> (long: String, short: String) {
        let name = ground.lowercased()
        if let known = builtIn[name] { return known }
        for (keys, long, short) in keywords where keys.contains(where: { name.contains($0) }) {
            return (long, short)
        }
        let words = name.split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        let plain = words.isEmpty ? "textured" : words
        return ("a \(plain) ground", "\(plain) ground")
    }

    /// The renderer's procedural grounds.
    static let builtIn: [String: (long: String, short: String)] = [
        "grass": ("a sunlit grassy field", "grass"),
        "dry_grass": ("a field of dry, sun-bleached grass", "dry grass"),
        "lawn": ("a neatly mown lawn", "lawn"),
        "sand": ("smooth golden sand", "sand"),
        "beach_sand": ("pale beach sand", "beach"),
        "desert_sand": ("rippled desert sand", "sand"),
        "gravel": ("a bed of loose grey gravel", "gravel"),
        "pebbles": ("a layer of rounded pebbles", "pebbles"),
        "cobblestone": ("an old cobblestone street", "cobblestones"),
        "rock": ("rough, rocky ground", "rock"),
        "soil": ("a patch of dry brown soil", "soil"),
        "dirt": ("a dusty dirt path", "dirt"),
        "mud": ("a patch of wet mud", "mud"),
        "cracked_earth": ("cracked, parched earth", "cracked earth"),
        "clay": ("a court of packed red clay", "clay"),
        "snow": ("a field of fresh white snow", "snow"),
        "ice": ("a sheet of pale blue ice", "ice"),
        "asphalt": ("a stretch of dark asphalt", "asphalt"),
        "concrete": ("a slab of weathered concrete", "concrete"),
        "moss": ("a carpet of soft green moss", "moss"),
        "forest_floor": ("a forest floor of twigs and needles", "forest floor"),
        "autumn_leaves": ("a carpet of fallen autumn leaves", "leaves"),
        "tiles": ("a floor of square tiles", "tiles"),
        "terracotta_tiles": ("a floor of terracotta tiles", "tiles"),
        "hexagon_tiles": ("a floor of hexagonal tiles", "tiles"),
        "bricks": ("a brick-paved courtyard", "bricks"),
        "paving_stones": ("a path of grey paving stones", "paving stones"),
        "planks": ("a floor of worn wooden planks", "wooden planks"),
        "wood_deck": ("a sunny wooden deck", "deck"),
        "marble": ("a polished marble floor", "marble"),
        "running_track": ("a red rubber running track", "track"),
    ]

    /// Words in a user image's name and what they describe, most specific first.
    static let keywords: [(keys: [String], long: String, short: String)] = [
        (["moss"], "a carpet of soft green moss", "moss"),
        (["grass", "lawn", "turf", "meadow"], "a sunlit grassy field", "grass"),
        (["sand", "beach", "dune"], "smooth golden sand", "sand"),
        (["gravel"], "a bed of loose grey gravel", "gravel"),
        (["pebble"], "a layer of rounded pebbles", "pebbles"),
        (["cobble"], "an old cobblestone street", "cobblestones"),
        (["snow"], "a field of fresh white snow", "snow"),
        (["ice"], "a sheet of pale blue ice", "ice"),
        (["asphalt", "tarmac", "road"], "a stretch of dark asphalt", "asphalt"),
        (["concrete", "cement"], "a slab of weathered concrete", "concrete"),
        (["brick"], "a brick-paved courtyard", "bricks"),
        (["paving", "pavement"], "a path of paving stones", "paving stones"),
        (["tile"], "a floor of square tiles", "tiles"),
        (["plank", "wood", "deck", "floorboard"], "a floor of worn wooden planks", "wooden planks"),
        (["leaves", "leaf", "forest"], "a forest floor covered in fallen leaves", "forest floor"),
        (["mud"], "a patch of wet mud", "mud"),
        (["soil", "dirt", "earth"], "a patch of dry brown soil", "soil"),
        (["clay"], "a court of packed red clay", "clay"),
        (["rock", "stone", "slate", "flagstone"], "rough stone ground", "stone"),
        (["marble"], "a polished marble floor", "marble"),
        (["carpet", "rug"], "a soft patterned carpet", "carpet"),
        (["mulch", "bark"], "a bed of bark mulch", "mulch"),
        (["metal", "steel", "rust"], "a scuffed metal floor", "metal floor"),
        (["rubber", "track"], "a rubber running track", "track"),
        (["hay", "straw"], "a floor of scattered straw", "straw"),
    ]

    typealias Template = @Sendable (String, String) -> String

    static let soccerTemplates: [Template] = [
        { long, short in "A ball rests on \(long). It begins to roll forward, gently at first and then faster, its panels turning as it rolls across the \(short). The camera stays still, looking down on the \(short) from above." },
        { long, short in "A soccer ball sits still on \(long) in bright sunlight. Suddenly it starts to roll, gliding smoothly over the \(short) while its shadow follows it. The view is a fixed, elevated shot of the \(short)." },
        { long, short in "On \(long), a ball lies motionless for a moment, then is set in motion and rolls steadily across the \(short), spinning as it goes. Other balls nearby stay where they are, and the camera does not move." },
    ]

    static let bowlingTemplates: [Template] = [
        { long, short in "A heavy bowling ball rests on \(long). It begins to roll slowly, its glossy surface catching the sunlight as it rolls across the \(short). The camera stays still, looking down on the \(short) from above." },
        { long, short in "A heavy bowling ball sits still on \(long) in bright sunlight. It starts to roll, moving with weight and momentum over the \(short) while its shadow follows it. The view is a fixed, elevated shot of the \(short)." },
        { long, short in "On \(long), a heavy bowling ball lies motionless for a moment, then is pushed and rolls steadily across the \(short), its polished surface reflecting the light. Other balls nearby stay where they are, and the camera does not move." },
    ]
}
