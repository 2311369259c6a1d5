import ForcePrompt
import Foundation
import LoomCore
import Media
import Render
import Synchronization

/// `loom bench render`: a typical force-balls clip (reference camera, a rolling soccer ball, two
/// distractors, 130 frames at 720×480) rendered and its last 120 frames encoded to H.264, on one core.
///
/// Times are the thread's CPU time, so the figures hold on a busy shared machine; `clip_wall_s` is the
/// wall-clock time of the whole clip for comparison.
enum RenderBench {
    static let width = 720, height = 480, frames = 130, firstEncoded = 11
    /// Runs so far in this process.
    static let runs = Atomic<Int>(0)

    static let benchCase = BenchCase(
        name: "render",
        summary: "Render a 130-frame force-balls clip at 720×480 and encode 120 frames to H.264 (frames/s, one core)."
    ) { options in
        let names = GroundMaterial.proceduralNames
        // A material not used before in this process, so its generation is measured.
        let run = runs.add(1, ordering: .relaxed).oldValue
        let wallStart = DispatchTime.now().uptimeNanoseconds
        let start = cpuSeconds()
        let ground = try GroundMaterial.procedural(names[(run * 7) % names.count])
        let generate = cpuSeconds() - start
        let zoom = 0.3
        let camera = Camera(lensMM: 33.441, location: SIMD3(0, 10, 10) * (1 - zoom), rotation: SIMD3(45, 0, 180) * .pi / 180,
                            width: width, height: height)
        let renderer = Renderer(width: width, height: height)
        let url = options.scratch.appendingPathComponent("clip.mp4")
        let writer = try VideoWriter(url: url, width: width, height: height)
        var renderSeconds = 0.0, encodeSeconds = 0.0, firstFrame = 0.0
        var kept: [Int: RGBImage] = [:]
        for frame in 1...frames {
            let scene = Scene(camera: camera, groundHeight: BallScene.groundTop, ground: ground, groundSize: BallScene.groundSize,
                              groundTiling: BallScene.groundTiling, sunDirection: Scene.sunDirection(blenderRotation: BallScene.sunRotation),
                              sunStrength: BallScene.sunStrength, ambient: BallScene.ambient, balls: balls(at: frame))
            let renderStart = cpuSeconds()
            let image = renderer.render(scene)
            let seconds = cpuSeconds() - renderStart
            if frame == 1 { firstFrame = seconds }
            renderSeconds += seconds
            if frame >= firstEncoded {
                if (frame - firstEncoded) % 10 == 0 { kept[frame - firstEncoded] = image }
                let encodeStart = cpuSeconds()
                try writer.append(image)
                encodeSeconds += cpuSeconds() - encodeStart
            }
        }
        let finishStart = cpuSeconds()
        try writer.finish()
        encodeSeconds += cpuSeconds() - finishStart
        let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
        // Quality of the encoded clip: PSNR of every tenth frame against the rendered one.
        let decoded = try VideoReader.read(url: url).frames
        let psnr = kept.keys.sorted().map { psnrDecibels(decoded[$0], kept[$0]!) }
        return [
            "ground_texture_s": generate,
            "first_frame_ms": firstFrame * 1000,
            "render_fps": Double(frames) / renderSeconds,
            "render_ms_per_frame": renderSeconds / Double(frames) * 1000,
            "encode_fps": Double(frames - firstEncoded + 1) / encodeSeconds,
            "clip_render_encode_s": renderSeconds + encodeSeconds,
            "clip_wall_s": wall,
            "encoded_psnr_min_db": psnr.min() ?? 0,
            "encoded_psnr_mean_db": psnr.reduce(0, +) / Double(max(psnr.count, 1)),
        ]
    }

    /// The balls at a frame: a soccer ball pushed from frame 22 to 45, then rolling; two still distractors.
    static func balls(at frame: Int) -> [Ball] {
        let rest = -0.2827, radius = 0.55
        let direction = normalize(SIMD2(-0.6, 0.8))
        // Distance travelled: accelerating at 2.5 m/s² for one second, then rolling on.
        let t = max(0, Double(frame - 22) / 24)
        let distance = t < 1 ? 1.25 * t * t : 1.25 + 2.5 * (t - 1)
        let centre = SIMD3(1 + direction.x * distance, -1 + direction.y * distance, rest)
        // Rolling without slipping: turn about the horizontal axis normal to the motion.
        let angle = distance / radius
        let axis = SIMD3(-direction.y, direction.x, 0)
        let q = SIMD4(axis.x * sin(angle / 2), axis.y * sin(angle / 2), 0, cos(angle / 2))
        return [
            Ball(center: centre, radius: radius, orientation: q, material: .soccer(hue: 0.95, saturation: 1.05, value: 1), id: 0),
            Ball(center: SIMD3(-2.5, -2, rest), radius: radius, material: .soccer(hue: 1.1, saturation: 1, value: 0.95), id: 1),
            Ball(center: SIMD3(3, 2, rest), radius: radius, material: .bowling(color: SIMD3(0.01, 0.01, 0.012)), id: 2),
        ]
    }

    /// Peak signal-to-noise ratio of two images of one size, in dB.
    static func psnrDecibels(_ a: RGBImage, _ b: RGBImage) -> Double {
        var sum = 0.0
        for i in a.pixels.indices {
            let d = Double(a.pixels[i]) - Double(b.pixels[i])
            sum += d * d
        }
        return 10 * log10(255 * 255 / max(sum / Double(a.pixels.count), 1e-12))
    }

    /// CPU time of the calling thread, in seconds.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func normalize(_ v: SIMD2<Double>) -> SIMD2<Double> { v / (v * v).sum().squareRoot() }
}
