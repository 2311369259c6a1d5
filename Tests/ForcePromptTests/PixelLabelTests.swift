import Foundation
import LoomCore
import Render
import Testing
@testable import ForcePrompt

/// The centroid (column, row from the top) of the pixels the renderer's segmentation gives ball 0.
private func ballCentroid(_ worker: ForceBallsWorker, _ rollout: ForceBallsWorker.Rollout, frame: Int,
                          ground: GroundMaterial) -> (SIMD2<Double>, Int) {
    let scene = BallRendering.scene(rollout.clip, rollout.trajectory, frame: frame, camera: rollout.camera, ground: ground)
    var depth: [Float] = [], segmentation: [UInt8] = []
    _ = worker.renderer.render(scene, depth: &depth, segmentation: &segmentation)
    var sum = SIMD2<Double>(0, 0), count = 0
    for (i, label) in segmentation.enumerated() where label == 1 {
        sum += SIMD2(Double(i % worker.renderer.width) + 0.5, Double(i / worker.renderer.width) + 0.5)
        count += 1
    }
    return (sum / Double(max(count, 1)), count)
}

/// Whether the ball's whole disc is inside the image at `frame`.
private func wellInside(_ rollout: ForceBallsWorker.Rollout, frame: Int) -> Bool {
    let state = rollout.trajectory.state(frame: frame)
    guard let p = rollout.camera.project(state.position) else { return false }
    let depth = ((state.position - rollout.camera.location) * rollout.camera.forward).sum()
    let r = rollout.camera.focalPixels * BallScene.ballRadius / depth + 4
    return p.x > r && p.y > r && p.x < Double(rollout.camera.width) - r && p.y < Double(rollout.camera.height) - r
}

@Test func labelsMatchTheRenderedPixels() throws {
    // Clips drawn as the dataset draws them, kept where the ball is fully in view at frames 1 and
    // 100. Soccer balls pushed with 8-64 N almost all leave the view by frame 100 (see
    // docs/force-prompting.md), so the soccer clips come from a generator with pushes of 1-2 N.
    for (kind, options) in [(BallClip.Kind.bowling, ForceBallsOptions().with { $0.count = 1 }),
                            (.soccer, ForceBallsOptions().with { $0.count = 1; $0.forceMin = 1; $0.forceMax = 2 })] {
        let generator = try ForceBallsGenerator(options: options)
        let worker = try generator.makeWorker()
        var checked = 0, index = 0
        while checked < 2 {
            try #require(index < 300, "too few \(kind) clips keep the ball in view")
            var random = RandomStream(seed: 5, dataset: "test/pixels", index: index)
            index += 1
            let clip = generator.draw(&random)
            guard clip.kind == kind else { continue }
            let rollout = try worker.rollout(clip)
            let labels = rollout.labels
            guard labels.angleEndFrame == 100, wellInside(rollout, frame: 1), wellInside(rollout, frame: 100) else { continue }
            let ground = try generator.ground(clip.ground)
            // The first clip frame (Blender frame 11) shows the ball where frame 1 does.
            let (start, startPixels) = ballCentroid(worker, rollout, frame: BallScene.clipFrames.lowerBound, ground: ground)
            let (end, _) = ballCentroid(worker, rollout, frame: 100, ground: ground)
            #expect(startPixels > 500)
            #expect(abs(start.x - Double(labels.coordx)) <= 2, "coordx \(labels.coordx), pixels \(start.x)")
            #expect(abs(Double(480 - labels.coordy) - start.y) <= 2, "coordy \(labels.coordy), pixels \(480 - start.y)")
            let moved = end - start
            #expect((moved * moved).sum().squareRoot() > 20)
            var measured = atan2(-moved.y, moved.x) * 180 / Double.pi
            if measured < 0 { measured += 360 }
            var difference = abs(measured - labels.angle)
            difference = min(difference, 360 - difference)
            #expect(difference < 2, "label \(labels.angle)°, pixels \(measured)°")
            checked += 1
        }
    }
}
