/// The bowling balls' solid colours: the original's 49 named Principled BSDF base colours (linear
/// RGB), drawn together with 48 extra jet blacks, so about half of all bowling balls are black.
enum BowlingColors {
    static let named: [(name: String, rgb: SIMD3<Double>)] = [
        ("jet black", SIMD3(0, 0, 0)), ("deep blue", SIMD3(0.1, 0.1, 0.5)), ("dark red", SIMD3(0.6, 0, 0)),
        ("forest green", SIMD3(0.1, 0.4, 0.1)), ("purple", SIMD3(0.4, 0, 0.4)), ("graphite gray", SIMD3(0.3, 0.3, 0.3)),
        ("bronze", SIMD3(0.8, 0.5, 0)), ("bright red", SIMD3(1, 0, 0)), ("royal blue", SIMD3(0, 0, 1)),
        ("vivid green", SIMD3(0, 1, 0)), ("neon yellow", SIMD3(1, 1, 0)), ("vibrant orange", SIMD3(1, 0.65, 0)),
        ("soft purple", SIMD3(0.6, 0.3, 0.8)), ("hot pink", SIMD3(0.8, 0.2, 0.6)), ("electric violet", SIMD3(0.5, 0, 1)),
        ("aqua", SIMD3(0, 1, 1)), ("magenta", SIMD3(1, 0, 1)), ("sky blue", SIMD3(0.2, 0.6, 0.9)),
        ("lime green", SIMD3(0.7, 1, 0.1)), ("pearl white", SIMD3(0.9, 0.9, 0.9)), ("metallic gray", SIMD3(0.5, 0.5, 0.5)),
        ("champagne", SIMD3(0.9, 0.75, 0.6)), ("blood red", SIMD3(0.7, 0.1, 0.1)), ("charcoal", SIMD3(0.2, 0.2, 0.2)),
        ("baby blue", SIMD3(0.3, 0.6, 0.9)), ("candy pink", SIMD3(1, 0.4, 0.7)), ("sunset orange", SIMD3(0.9, 0.4, 0.2)),
        ("mustard", SIMD3(0.7, 0.7, 0.2)), ("avocado green", SIMD3(0.4, 0.8, 0.2)), ("royal purple", SIMD3(0.6, 0.1, 0.8)),
        ("mint green", SIMD3(0.1, 0.8, 0.5)), ("indigo", SIMD3(0.2, 0.2, 0.6)), ("deep maroon", SIMD3(0.4, 0, 0.2)),
        ("raspberry", SIMD3(0.8, 0.1, 0.4)), ("rust", SIMD3(0.7, 0.3, 0.1)), ("mahogany", SIMD3(0.5, 0.2, 0)),
        ("army green", SIMD3(0.2, 0.5, 0.2)), ("gold", SIMD3(0.9, 0.8, 0.2)), ("ice blue", SIMD3(0.6, 0.8, 1)),
        ("rose pink", SIMD3(1, 0.7, 0.7)), ("olive", SIMD3(0.5, 0.7, 0.1)), ("lavender", SIMD3(0.9, 0.6, 0.9)),
        ("periwinkle", SIMD3(0.6, 0.6, 1)), ("sapphire blue", SIMD3(0.2, 0.4, 0.8)), ("burgundy", SIMD3(0.7, 0, 0.2)),
        ("navy blue", SIMD3(0, 0.3, 0.6)), ("turquoise", SIMD3(0.4, 0.8, 0.7)), ("pale green", SIMD3(0.6, 1, 0.6)),
        ("light sky blue", SIMD3(0.8, 0.9, 1)),
    ]
    static let extraBlacks = 48
    /// Entries a draw chooses among.
    static var drawCount: Int { named.count + extraBlacks }

    /// Entry `i` of the named colours followed by the extra blacks.
    static func pick(_ i: Int) -> (name: String, rgb: SIMD3<Double>) {
        i < named.count ? named[i] : named[0]
    }
}
