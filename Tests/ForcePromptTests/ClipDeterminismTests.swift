import Foundation
import LoomCore
import Testing
@testable import ForcePrompt
@testable import Render

/// The clip that came out as one of two MP4s in about 1 run in 4 (index 6 of `generate force-balls
/// --count 9 --width 96 --height 64 --samples 1`, seed 0: dirt ground, coordx 25).
@Suite struct ClipDeterminismTests {
    let generator: ForceBallsGenerator
    let clip: BallClip

    init() throws {
        generator = try ForceBallsGenerator(options: ForceBallsOptions().with { $0.count = 9; $0.width = 96; $0.height = 64; $0.samples = 1 })
        var random = RandomStream(seed: 0, dataset: generator.streamKey, index: 6)
        clip = generator.draw(&random)
    }

    @Test func theClipRenderedAndEncodedRepeatedlyInOneProcessGivesTheSameBytes() throws {
        #expect(clip.ground == "dirt")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-clip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var first: (video: Data, frames: [[UInt8]])?
        // Fresh worker (renderer, Bullet world, encoder) each time, other allocations in between, so
        // anything read from uninitialised or stray memory shows as different bytes.
        for attempt in 0..<4 {
            let worker = try ForceBallsWorker(generator: generator)
            let rollout = try worker.rollout(clip)
            let noise = [UInt8](repeating: UInt8(attempt * 61 + 7), count: 1 << (16 + attempt))
            let url = folder.appendingPathComponent("\(attempt).mp4")
            try worker.encode(rollout, to: url)
            let ground = try generator.ground(clip.ground)
            let frames = [11, 40, 130].map { worker.render(rollout, frame: $0, ground: ground).pixels }
            let video = try Data(contentsOf: url)
            withExtendedLifetime(noise) {}
            if let first {
                #expect(frames == first.frames, "attempt \(attempt): the rendered frames differ")
                #expect(video == first.video, "attempt \(attempt): the MP4 differs")
            } else {
                first = (video, frames)
            }
        }
    }

    /// A NaN radiance made the tone map read its curve table far out of bounds (stray memory, so
    /// bytes that changed from run to run).
    @Test func everyPixelOfTheClipShadesToAFiniteRadiance() throws {
        let worker = try ForceBallsWorker(generator: generator)
        let rollout = try worker.rollout(clip)
        let ground = try generator.ground(clip.ground)
        var camera = rollout.camera
        camera.width = generator.width
        camera.height = generator.height
        var bad: [String] = []
        for frame in BallScene.clipFrames {
            let scene = BallRendering.scene(clip, rollout.trajectory, frame: frame, camera: camera, ground: ground)
            let layer = GroundLayer(key: GroundLayer.Key(scene, camera: camera), width: camera.width, height: camera.height,
                                    toneMap: ToneMap())
            let shader = FrameShader(scene: scene, camera: camera, layer: layer, subpixels: [SIMD2(0.5, 0.5)])
            for y in 0..<camera.height {
                for x in 0..<camera.width {
                    guard let radiance = shader.shade(x: x, y: y)?.radiance else { continue }
                    if !(radiance.x.isFinite && radiance.y.isFinite && radiance.z.isFinite) {
                        bad.append("frame \(frame) pixel (\(x), \(y)): \(radiance)")
                    }
                }
            }
        }
        #expect(bad.isEmpty, "\(bad.count) pixels: \(bad.prefix(5))")
    }
}
