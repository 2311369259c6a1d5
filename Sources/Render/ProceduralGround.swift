import Foundation

/// The procedural ground textures: each is a function from texture coordinates (u, v) in [0, 1) to a
/// linear albedo and a height in metres, tileable, authored for a tile 8 m across (the reference's
/// 40 m ground with its texture repeated 5 times).
enum ProceduralGround {
    typealias Texel = (albedo: SIMD3<Double>, height: Double)
    typealias Recipe = @Sendable (Double, Double, TileNoise) -> Texel

    /// Linear RGB of an sRGB hex colour 0xRRGGBB.
    static func hex(_ value: UInt32) -> SIMD3<Double> {
        SIMD3(ColorSpace.linear(srgb: Double((value >> 16) & 0xFF) / 255),
              ColorSpace.linear(srgb: Double((value >> 8) & 0xFF) / 255),
              ColorSpace.linear(srgb: Double(value & 0xFF) / 255))
    }

    /// A colour between `a` and `b` picked by `t` in [0, 1], multiplicatively (keeps saturation).
    static func blend(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ t: Double) -> SIMD3<Double> {
        mix(a, b, clamp01(t))
    }

    /// Rounded stones: per-cell colour from `palette`, dark gaps between them, domed heights.
    static func stones(_ u: Double, _ v: Double, _ n: TileNoise, frequency: Int, palette: [SIMD3<Double>],
                       gap: SIMD3<Double>, gapWidth: Double, height: Double, jitter: Double = 1) -> Texel {
        let c = n.cells(u, v, frequency: frequency, jitter: jitter)
        let edge = c.f2 - c.f1
        let inside = smoothstep(gapWidth * 0.5, gapWidth * 1.5, edge)
        let pick = palette[Int(c.id % UInt32(palette.count))]
        let shade = 0.75 + 0.5 * Double((c.id >> 8) & 0xFF) / 255
        let grain = 1 + 0.12 * n.gradient(u, v, frequency: frequency * 8, salt: 17)
        let dome = (1 - min(c.f1 / 0.75, 1) * min(c.f1 / 0.75, 1)).squareRoot()
        let stone = pick * (shade * grain * (0.8 + 0.25 * dome))
        return (blend(gap, stone, inside), height * inside * (0.3 + 0.7 * dome))
    }

    /// A running-bond brick or tile layout: returns the position inside the unit, the unit's id and the
    /// distance (in units of the short side) to its nearest edge.
    static func bond(_ u: Double, _ v: Double, columns: Int, rows: Int, offset: Double)
        -> (id: Int, row: Int, edge: Double, local: SIMD2<Double>) {
        let y = v * Double(rows)
        let row = Int(y.rounded(.down))
        let x = u * Double(columns) + (row % 2 == 1 ? offset : 0)
        let col = Int(x.rounded(.down))
        let fx = x - x.rounded(.down), fy = y - y.rounded(.down)
        let aspect = Double(rows) / Double(columns)
        let edge = min(min(fx, 1 - fx) * aspect, min(fy, 1 - fy))
        let wrappedCol = ((col % columns) + columns) % columns
        return (row * columns + wrappedCol, row, edge, SIMD2(fx, fy))
    }

    /// Units laid in a grid or running bond (tiles, bricks, slabs): each unit a colour from `palette`
    /// with a random `tone`, a fine `grain`, and sunken joints of `jointColor`.
    static func laid(_ u: Double, _ v: Double, _ n: TileNoise, columns: Int, rows: Int, offset: Double,
                     joint: ClosedRange<Double>, palette: [SIMD3<Double>], tone: Double, grain: Double, grainFrequency: Int,
                     jointColor: SIMD3<Double>, depth: Double) -> Texel {
        let b = bond(u, v, columns: columns, rows: rows, offset: offset)
        let inside = smoothstep(joint.lowerBound, joint.upperBound, b.edge)
        var c = palette[Int(n.hash(b.id, 0, 2) % UInt32(palette.count))] * (1 - tone / 2 + tone * n.unit(b.id, 0, 3))
        c *= 1 + grain * n.gradient(u, v, frequency: grainFrequency, salt: 5)
        return (blend(jointColor, c, inside), depth * inside)
    }

    static let recipes: [(name: String, recipe: Recipe)] = [
        ("grass", { u, v, n in
            let patches = n.fbm(u, v, frequency: 6, octaves: 4)
            let blades = n.fbm(u, v, frequency: 384, octaves: 2, salt: 5)
            let clumps = n.fbm(u, v, frequency: 48, octaves: 3, salt: 9)
            var c = blend(hex(0x2C5414), hex(0x5A7A22), 0.5 + 0.8 * patches)
            c = blend(c, hex(0x7F8038), 0.4 * clumps - 0.1)
            c *= 0.7 + 0.55 * (0.5 + 0.5 * blades)
            return (c, 0.02 * (0.5 + 0.5 * blades) + 0.01 * clumps)
        }),
        ("dry_grass", { u, v, n in
            let patches = n.fbm(u, v, frequency: 6, octaves: 4)
            let blades = n.fbm(u, v, frequency: 384, octaves: 2, salt: 5)
            var c = blend(hex(0x9C8A4E), hex(0xC8B67A), 0.5 + 0.8 * patches)
            c = blend(c, hex(0x6F6A3A), 0.6 * n.fbm(u, v, frequency: 24, octaves: 3, salt: 3))
            c *= 0.7 + 0.5 * (0.5 + 0.5 * blades)
            return (c, 0.018 * (0.5 + 0.5 * blades))
        }),
        ("lawn", { u, v, n in
            let stripe = smoothstep(-0.3, 0.3, sin(u * 2 * .pi * 5))
            let blades = n.fbm(u, v, frequency: 512, octaves: 2, salt: 5)
            var c = blend(hex(0x3A6A1C), hex(0x4C7F26), stripe * 0.7 + 0.3 * n.fbm(u, v, frequency: 8, octaves: 3))
            c *= 0.8 + 0.35 * (0.5 + 0.5 * blades)
            return (c, 0.01 * (0.5 + 0.5 * blades))
        }),
        ("sand", { u, v, n in
            let warp = n.fbm(u, v, frequency: 4, octaves: 3, salt: 2)
            let ripples = sin((v * 48 + 3 * warp) * 2 * .pi)
            let grain = n.gradient(u, v, frequency: 768, salt: 4)
            var c = blend(hex(0xC9AE82), hex(0xDCC8A0), 0.5 + 0.6 * n.fbm(u, v, frequency: 8, octaves: 4))
            c *= 0.93 + 0.07 * ripples + 0.08 * grain
            return (c, 0.008 * ripples + 0.001 * grain)
        }),
        ("beach_sand", { u, v, n in
            let wet = smoothstep(0.1, 0.4, n.fbm(u, v, frequency: 3, octaves: 4, salt: 8))
            let grain = n.gradient(u, v, frequency: 768, salt: 4)
            var c = blend(hex(0xE3D2AE), hex(0xA58F6A), wet)
            c *= 0.94 + 0.1 * grain + 0.06 * n.fbm(u, v, frequency: 32, octaves: 3)
            let shells = smoothstep(0.08, 0.03, n.cells(u, v, frequency: 96, salt: 6).f1)
            c = blend(c, hex(0xF4EEE2), shells * 0.8)
            return (c, 0.002 * grain + 0.004 * shells)
        }),
        ("desert_sand", { u, v, n in
            let warp = n.fbm(u, v, frequency: 3, octaves: 3, salt: 2)
            let dunes = sin((u * 2 + v * 3 + 1.5 * warp) * 2 * .pi)
            let ripples = sin((u * 24 + v * 40 + 4 * warp) * 2 * .pi)
            var c = blend(hex(0xB8804C), hex(0xD4A06A), 0.5 + 0.4 * dunes)
            c *= 0.97 + 0.025 * ripples + 0.06 * n.gradient(u, v, frequency: 768, salt: 4)
            return (c, 0.05 * dunes + 0.005 * ripples)
        }),
        ("gravel", { u, v, n in
            stones(u, v, n, frequency: 240, palette: [hex(0x8C8780), hex(0x6F6B66), hex(0xA39C92), hex(0x5B5853), hex(0x9A8E7E)],
                   gap: hex(0x3A3631), gapWidth: 0.12, height: 0.015)
        }),
        ("pebbles", { u, v, n in
            stones(u, v, n, frequency: 110, palette: [hex(0xB8AFA3), hex(0x8D8478), hex(0x6E6A66), hex(0xC9BFAF), hex(0x9B8B77), hex(0x7A6E63)],
                   gap: hex(0x2E2A26), gapWidth: 0.18, height: 0.03)
        }),
        ("cobblestone", { u, v, n in
            let t = stones(u, v, n, frequency: 48, palette: [hex(0x7D7872), hex(0x6A655F), hex(0x8A8077), hex(0x5F5B57)],
                           gap: hex(0x3B3A33), gapWidth: 0.14, height: 0.04, jitter: 0.5)
            let moss = smoothstep(0.2, 0.5, n.fbm(u, v, frequency: 16, octaves: 4, salt: 21))
            return (blend(t.albedo, hex(0x4A5A2A), moss * smoothstep(0.05, 0, t.height)), t.height)
        }),
        ("rock", { u, v, n in
            let ridges = 1 - abs(n.fbm(u, v, frequency: 8, octaves: 6, salt: 3))
            let strata = n.fbm(u, v, frequency: 32, octaves: 4, salt: 7)
            let slabs = n.cells(u + 0.01 * n.gradient(u, v, frequency: 24, salt: 4), v, frequency: 12, salt: 5)
            let crack = smoothstep(0.01, 0.06, slabs.f2 - slabs.f1)
            var c = blend(hex(0x55524E), hex(0x8A847C), 0.5 + 0.7 * strata) * (0.85 + 0.3 * Double(slabs.id & 0xFF) / 255)
            c *= 0.55 + 0.5 * ridges * ridges
            c = blend(hex(0x24221F), c, crack)
            return (c, 0.12 * ridges * ridges + 0.02 * strata + 0.03 * crack)
        }),
        ("soil", { u, v, n in
            let base = n.fbm(u, v, frequency: 12, octaves: 5)
            let clods = n.cells(u, v, frequency: 180, salt: 5)
            var c = blend(hex(0x4A3626), hex(0x6E5038), 0.5 + 0.7 * base)
            c *= 0.8 + 0.35 * smoothstep(0, 0.5, clods.f2 - clods.f1)
            let stone = smoothstep(0.12, 0.07, n.cells(u, v, frequency: 60, salt: 13).f1)
            c = blend(c, hex(0x8A8074), stone)
            return (c, 0.01 * base + 0.008 * (clods.f2 - clods.f1) + 0.01 * stone)
        }),
        ("dirt", { u, v, n in
            let base = n.fbm(u, v, frequency: 10, octaves: 6)
            var c = blend(hex(0x5E4530), hex(0x86684A), 0.5 + 0.7 * base)
            c *= 0.88 + 0.16 * n.gradient(u, v, frequency: 512, salt: 4)
            let pebble = n.cells(u, v, frequency: 90, salt: 13)
            let p = smoothstep(0.16, 0.1, pebble.f1)
            c = blend(c, hex(0x9A9086) * (0.8 + 0.4 * Double(pebble.id & 0xFF) / 255), p)
            return (c, 0.015 * base + 0.012 * p)
        }),
        ("mud", { u, v, n in
            let base = n.fbm(u, v, frequency: 6, octaves: 6)
            let puddle = smoothstep(0.25, 0.45, n.fbm(u, v, frequency: 3, octaves: 3, salt: 6))
            var c = blend(hex(0x4E3B2A), hex(0x6A5140), 0.5 + 0.7 * base)
            c = blend(c, hex(0x3A2C20), puddle)
            let tracks = abs(n.fbm(u, v, frequency: 16, octaves: 3, salt: 12))
            c *= 0.85 + 0.3 * smoothstep(0, 0.3, tracks)
            return (c, 0.03 * base * (1 - puddle) + 0.01 * tracks)
        }),
        ("cracked_earth", { u, v, n in
            let warpU = u + 0.004 * n.gradient(u, v, frequency: 64, salt: 1)
            let warpV = v + 0.004 * n.gradient(u, v, frequency: 64, salt: 2)
            let c1 = n.cells(warpU, warpV, frequency: 40, salt: 7)
            let crack = smoothstep(0.03, 0.09, c1.f2 - c1.f1)
            let tone = 0.9 + 0.2 * Double(c1.id & 0xFF) / 255
            var c = blend(hex(0xB08A62), hex(0xC9A77F), 0.5 + 0.6 * n.fbm(u, v, frequency: 12, octaves: 4)) * tone
            c = blend(hex(0x3A2A1C), c, crack)
            return (c, 0.02 * crack)
        }),
        ("clay", { u, v, n in
            // A brushed clay court: fine orange grit, sweep marks along u, scuffs.
            let sweep = n.gradient(u, v, frequencyU: 4, frequencyV: 160, salt: 2)
            let scuffs = smoothstep(0.2, 0.45, n.fbm(u, v, frequency: 10, octaves: 4, salt: 3))
            var c = blend(hex(0xA5502E), hex(0xC0663C), 0.5 + 0.6 * n.fbm(u, v, frequency: 6, octaves: 4))
            c *= 0.92 + 0.05 * sweep + 0.08 * n.gradient(u, v, frequency: 768, salt: 4)
            c = blend(c, hex(0x8A4328), scuffs * 0.6)
            return (c, 0.002 * sweep + 0.002 * scuffs)
        }),
        ("snow", { u, v, n in
            let drift = n.fbm(u, v, frequency: 4, octaves: 5)
            let sparkle = n.gradient(u, v, frequency: 768, salt: 3)
            var c = blend(hex(0xDCE3EC), hex(0xF5F7FA), 0.5 + 0.8 * drift)
            c *= 0.97 + 0.04 * sparkle
            let footprints = smoothstep(0.1, 0.05, n.cells(u, v, frequency: 20, jitter: 0.8, salt: 9).f1)
            c = blend(c, hex(0xB9C6D6), footprints * 0.7)
            return (c, 0.05 * drift - 0.02 * footprints)
        }),
        ("ice", { u, v, n in
            let depth = n.fbm(u, v, frequency: 5, octaves: 5)
            var c = blend(hex(0x9FB8CC), hex(0xD4E2EC), 0.5 + 0.8 * depth)
            let cr = n.cells(u + 0.01 * n.gradient(u, v, frequency: 32, salt: 1), v, frequency: 14, salt: 5)
            let crack = smoothstep(0.02, 0.0, cr.f2 - cr.f1)
            c = blend(c, hex(0xF2F7FA), crack * 0.9)
            return (c, -0.002 * crack)
        }),
        ("asphalt", { u, v, n in
            let aggregate = n.gradient(u, v, frequency: 640, salt: 2)
            let stones = smoothstep(0.2, 0.12, n.cells(u, v, frequency: 300, salt: 3).f1)
            var c = blend(hex(0x2B2B2C), hex(0x3C3B3A), 0.5 + 0.6 * n.fbm(u, v, frequency: 6, octaves: 5))
            c *= 0.8 + 0.25 * aggregate
            c = blend(c, hex(0x6B6661), stones * 0.7)
            c *= 0.92 + 0.16 * smoothstep(-0.4, 0.4, n.fbm(u, v, frequency: 16, octaves: 3, salt: 11))
            return (c, 0.002 * aggregate + 0.002 * stones)
        }),
        ("concrete", { u, v, n in
            let stains = n.fbm(u, v, frequency: 5, octaves: 6)
            var c = blend(hex(0x8F8C86), hex(0xB3AFA8), 0.5 + 0.7 * stains)
            c *= 0.93 + 0.08 * n.gradient(u, v, frequency: 512, salt: 3)
            let joint = min(abs(u * 4 - (u * 4).rounded()), abs(v * 4 - (v * 4).rounded()))
            let groove = smoothstep(0.002, 0.006, joint)
            c = blend(hex(0x55524E), c, groove)
            return (c, 0.004 * groove + 0.002 * stains)
        }),
        ("moss", { u, v, n in
            let tufts = n.cells(u, v, frequency: 160, salt: 2)
            let dome = 1 - min(tufts.f1 / 0.7, 1)
            let patches = n.fbm(u, v, frequency: 8, octaves: 5)
            var c = blend(hex(0x2E4A12), hex(0x587424), 0.5 + 0.8 * patches)
            c *= 0.6 + 0.6 * dome
            c = blend(c, hex(0x7A6A3A), smoothstep(0.3, 0.5, n.fbm(u, v, frequency: 5, octaves: 4, salt: 7)))
            return (c, 0.02 * dome + 0.02 * patches)
        }),
        ("forest_floor", { u, v, n in
            let base = n.fbm(u, v, frequency: 10, octaves: 5)
            var c = blend(hex(0x3B2A1C), hex(0x5A4028), 0.5 + 0.7 * base)
            let leaf = n.cells(u, v, frequency: 150, jitter: 1, salt: 4)
            let shape = smoothstep(0.45, 0.35, abs(leaf.offset.x) * 1.4 + abs(leaf.offset.y) * 0.8)
            let leafColor = [hex(0x7A5230), hex(0x8E6A36), hex(0x5E4426), hex(0x6B6A2E)][Int(leaf.id % 4)]
            c = blend(c, leafColor, shape * smoothstep(-0.2, 0.2, n.fbm(u, v, frequency: 12, octaves: 3, salt: 8)))
            let twig = smoothstep(0.015, 0.0, abs(n.gradient(u, v, frequency: 40, salt: 10)))
            c = blend(c, hex(0x2A1E14), twig * 0.7)
            return (c, 0.01 * base + 0.006 * shape + 0.006 * twig)
        }),
        ("autumn_leaves", { u, v, n in
            var c = hex(0x3A2818)
            var height = 0.0
            for layer in 0..<3 {
                let leaf = n.cells(u, v, frequency: 28 + 8 * layer, jitter: 1, salt: UInt32(30 + layer * 7))
                let angle = Double(leaf.id & 0xFFFF) / 65536 * 2 * .pi
                let (ca, sa) = (cos(angle), sin(angle))
                let px = leaf.offset.x * ca + leaf.offset.y * sa, py = -leaf.offset.x * sa + leaf.offset.y * ca
                let shape = smoothstep(0.5, 0.44, (px * px * 2.2 + py * py * 5).squareRoot())
                let palette = [hex(0xB4461C), hex(0xC98424), hex(0x98301A), hex(0xD0A234), hex(0x7A4E26), hex(0x6A3A1E)]
                let leafColor = palette[Int((leaf.id >> 16) % 6)] * (0.8 + 0.3 * Double((leaf.id >> 8) & 0xFF) / 255)
                let vein = smoothstep(0.03, 0.0, abs(py)) * 0.25
                c = blend(c, leafColor * (1 - vein), shape)
                height = max(height, shape * (0.004 + 0.004 * Double(layer)))
            }
            return (c, height)
        }),
        ("tiles", { u, v, n in
            laid(u, v, n, columns: 20, rows: 20, offset: 0, joint: 0.02...0.04,
                 palette: [hex(0xD8D2C6), hex(0xC9C0B0), hex(0xD0C8BA)], tone: 0.12, grain: 0.05, grainFrequency: 128,
                 jointColor: hex(0x6E675E), depth: 0.004)
        }),
        ("terracotta_tiles", { u, v, n in
            laid(u, v, n, columns: 24, rows: 24, offset: 0, joint: 0.03...0.06,
                 palette: [hex(0xB5613C), hex(0xA5532F), hex(0xC4734A), hex(0x9A4A2C)], tone: 0.2, grain: 0.15, grainFrequency: 64,
                 jointColor: hex(0x8A8070), depth: 0.005)
        }),
        ("hexagon_tiles", { u, v, n in
            // A hexagonal cell grid tiling the square: 16 columns, 16 rows of staggered centres (rows √3/2 apart).
            let columns = 16.0, rows = 16.0
            let x = u * columns, y = v * rows
            var best = Double.infinity, second = Double.infinity
            var bestId = 0
            let row0 = Int(y.rounded(.down))
            for r in (row0 - 1)...(row0 + 1) {
                let shift = r & 1 == 1 ? 0.5 : 0
                let col0 = Int((x - shift).rounded(.down))
                for c in (col0 - 1)...(col0 + 2) {
                    let cx = Double(c) + shift + 0.5, cy = Double(r) + 0.5
                    let dx = x - cx, dy = (y - cy) * 0.866
                    let d = (dx * dx + dy * dy).squareRoot()
                    if d < best { second = best; best = d; bestId = (((r % 16) + 16) % 16) * 16 + ((c % 16) + 16) % 16 }
                    else if d < second { second = d }
                }
            }
            let grout = smoothstep(0.02, 0.05, second - best)
            var c = blend(hex(0x4F6F7F), hex(0x7F9CA8), n.unit(bestId, 0, 9)) * (0.95 + 0.08 * n.gradient(u, v, frequency: 96, salt: 2))
            c = blend(hex(0xC8C2B6), c, grout)
            return (c, 0.004 * grout)
        }),
        ("bricks", { u, v, n in
            laid(u, v, n, columns: 40, rows: 80, offset: 0.5, joint: 0.05...0.12,
                 palette: [hex(0x8E3B2A), hex(0xA04A34), hex(0x7A3324), hex(0xB0583C), hex(0x6E2E22)], tone: 0.3, grain: 0.15,
                 grainFrequency: 256, jointColor: hex(0x8F877A), depth: 0.006)
        }),
        ("paving_stones", { u, v, n in
            laid(u, v, n, columns: 16, rows: 32, offset: 0.5, joint: 0.02...0.05,
                 palette: [hex(0x9A948A), hex(0xB5AEA2), hex(0xA8A196)], tone: 0.1, grain: 0.12, grainFrequency: 48,
                 jointColor: hex(0x4E5040), depth: 0.008)
        }),
        ("planks", { u, v, n in
            let b = bond(u, v, columns: 4, rows: 48, offset: 0.37)
            let gap = smoothstep(0.02, 0.06, b.edge)
            let plankTone = n.unit(b.id, 0, 3)
            let grain = n.gradient(u + 0.02 * n.gradient(u, v, frequency: 8, salt: 2), v, frequencyU: 16, frequencyV: 384, salt: 3)
            let rings = 0.5 + 0.5 * sin((b.local.y * 6 + grain * 4 + plankTone * 10) * 2 * .pi)
            var c = blend(hex(0x8B5E3C), hex(0xB3824F), 0.3 + 0.6 * plankTone)
            c *= 0.85 + 0.25 * rings * 0.6
            c = blend(hex(0x2A1C12), c, gap)
            return (c, 0.004 * gap + 0.0005 * rings)
        }),
        ("wood_deck", { u, v, n in
            let b = bond(u, v, columns: 2, rows: 40, offset: 0.5)
            let gap = smoothstep(0.04, 0.1, b.edge)
            let weathered = n.unit(b.id, 0, 5)
            let grain = n.gradient(u, v, frequencyU: 12, frequencyV: 320, salt: 4) + 0.5 * n.gradient(u, v, frequencyU: 24, frequencyV: 640, salt: 5)
            var c = blend(hex(0x8E7A66), hex(0xA8957E), weathered) * (0.85 + 0.3 * (0.5 + 0.5 * grain))
            c = blend(hex(0x1E1812), c, gap)
            return (c, 0.006 * gap)
        }),
        ("marble", { u, v, n in
            let turbulence = n.fbm(u, v, frequency: 4, octaves: 6, salt: 2)
            let veins = abs(sin((u + v + 1.6 * turbulence) * 2 * .pi * 3))
            var c = blend(hex(0xE8E4DE), hex(0xD2CCC2), n.fbm(u, v, frequency: 8, octaves: 4) + 0.5)
            c = blend(hex(0x77726C), c, smoothstep(0.02, 0.3, veins))
            let b = bond(u, v, columns: 8, rows: 8, offset: 0)
            c = blend(hex(0x9C968C), c, smoothstep(0.004, 0.01, b.edge))
            return (c, 0.002 * smoothstep(0.004, 0.01, b.edge))
        }),
        ("running_track", { u, v, n in
            let lane = abs(v * 16 - (v * 16).rounded())
            let line = smoothstep(0.035, 0.02, lane)
            var c = hex(0xA8432F) * (0.88 + 0.2 * n.gradient(u, v, frequency: 768, salt: 3) + 0.1 * n.fbm(u, v, frequency: 8, octaves: 4))
            c = blend(c, hex(0xEDEAE3), line)
            return (c, 0.001 * n.gradient(u, v, frequency: 768, salt: 3))
        }),
    ]
}
