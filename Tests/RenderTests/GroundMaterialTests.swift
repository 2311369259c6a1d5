import Foundation
import LoomCore
@testable import Render
import Testing

@Suite struct GroundMaterialTests {
    @Test func thereAreAtLeast24NamedMaterials() {
        let names = GroundMaterial.proceduralNames
        #expect(names.count >= 24)
        #expect(Set(names).count == names.count)
        for required in ["grass", "sand", "gravel", "soil", "snow", "asphalt", "pebbles", "moss", "tiles", "planks"] {
            #expect(names.contains(required), "missing \(required)")
        }
    }

    @Test func everyMaterialIsTileableAndPlausible() throws {
        let size = 64
        for name in GroundMaterial.proceduralNames {
            let material = try GroundMaterial.procedural(name, size: size)
            #expect(material.name == name)
            let level = material.texture.levels[0]
            #expect(level.size == size)
            #expect(material.texture.levels.count == 7)
            // Wrapping: the step across the seam is like the steps inside the texture.
            func luminance(_ x: Int, _ y: Int) -> Double {
                let c = ColorSpace.linear(level.color[y * size + x])
                return Double(c.x + c.y + c.z)
            }
            var seam = 0.0, inside = 0.0
            for y in 0..<size {
                seam += abs(luminance(size - 1, y) - luminance(0, y))
                inside += abs(luminance(size / 2 - 1, y) - luminance(size / 2, y))
            }
            #expect(seam < 2.5 * inside + 0.05, "\(name): seam \(seam) vs inside \(inside)")
            let mean = material.texture.meanAlbedo
            #expect(mean.min() > 0.005 && mean.max() < 0.95, "\(name): mean albedo \(mean)")
        }
    }

    @Test func materialsLookLikeTheirNames() throws {
        func mean(_ name: String) throws -> SIMD3<Double> { try GroundMaterial.procedural(name, size: 64).texture.meanAlbedo }
        let grass = try mean("grass"), snow = try mean("snow"), asphalt = try mean("asphalt"), sand = try mean("sand")
        #expect(grass.y > grass.x && grass.y > grass.z)
        #expect(snow.min() > 0.6)
        #expect(asphalt.max() < 0.06)
        #expect(sand.x > sand.z && sand.sum() > asphalt.sum() * 4)
    }

    @Test func proceduralTexturesAreCachedAndDeterministic() throws {
        let a = try GroundMaterial.procedural("pebbles", size: 64), b = try GroundMaterial.procedural("pebbles", size: 64)
        #expect(a == b)
        let fresh = GroundMaterial.generate(ProceduralGround.recipes.first { $0.name == "pebbles" }!.recipe, size: 64,
                                            seed: UInt32(GroundMaterial.proceduralNames.firstIndex(of: "pebbles")! + 1))
        #expect(fresh.levels[0].color == a.texture.levels[0].color)
    }

    @Test func unknownNameIsAUsageError() {
        do {
            _ = try GroundMaterial.procedural("lava")
            Issue.record("lava was accepted")
        } catch {
            #expect(error.isUsageError && error.description.contains("grass"))
        }
    }

    @Test func imageMaterialKeepsColoursAndOrientation() {
        // Top half red, bottom half blue: v = 0 (texture row 0) is the image's bottom row.
        var image = RGBImage(width: 300, height: 200)
        for y in 0..<200 {
            for x in 0..<300 { image[x, y] = y < 100 ? (200, 0, 0) : (0, 0, 200) }
        }
        let material = GroundMaterial.image(image, name: "flag")
        #expect(material.name == "flag")
        let level = material.texture.levels[0]
        #expect(level.size == 256)
        let bottom = ColorSpace.linear(level.color[10 * 256 + 10]), top = ColorSpace.linear(level.color[250 * 256 + 10])
        #expect(bottom.z > 0.5 && bottom.x < 0.01)
        #expect(top.x > 0.5 && top.z < 0.01)
    }
}
