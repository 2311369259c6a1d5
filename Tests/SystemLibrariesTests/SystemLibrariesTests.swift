import CBLAS
import CBullet
import CFFmpeg
import CFluidSynth
import CSndFile
import Foundation
import Testing

/// One real call into each C library, to prove the modules link and work.
@Suite("System libraries")
struct SystemLibrariesTests {
    @Test func bulletDropsASphereOntoAPlane() throws {
        let world = try #require(cb_world_create(0, 0, -9.81))
        defer { cb_world_destroy(world) }
        _ = cb_add_plane(world, 0, 0, 1, 0)
        let ball = cb_add_sphere(world, 0.5, 1, 0, 0, 5)
        for _ in 0..<240 { cb_world_step(world, 1.0 / 60, 10, 1.0 / 240) }
        var p = [Double](repeating: 0, count: 3)
        cb_body_position(world, ball, &p)
        #expect(abs(p[2] - 0.5) < 0.05, "the ball rests on the plane, centre 0.5 above it (got \(p[2]))")
        #expect(cb_body_mass(world, ball) == 1)
    }

    @Test func fluidSynthRendersANote() throws {
        let soundFont = "/usr/share/sounds/sf2/TimGM6mb.sf2"
        try #require(FileManager.default.fileExists(atPath: soundFont), "install timgm6mb-soundfont")
        let settings = try #require(new_fluid_settings())
        defer { delete_fluid_settings(settings) }
        fluid_settings_setnum(settings, "synth.sample-rate", 44100)
        let synth = try #require(new_fluid_synth(settings))
        defer { delete_fluid_synth(synth) }
        #expect(fluid_synth_sfload(synth, soundFont, 1) >= 0)
        fluid_synth_noteon(synth, 0, 60, 100)
        var left = [Float](repeating: 0, count: 4410), right = [Float](repeating: 0, count: 4410)
        #expect(fluid_synth_write_float(synth, 4410, &left, 0, 1, &right, 0, 1) == 0)
        let rms = (left.map { $0 * $0 }.reduce(0, +) / Float(left.count)).squareRoot()
        #expect(rms > 1e-3, "a middle C is audible (rms \(rms))")
    }

    @Test func sndfileRoundTripsAWav() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loom-sf-\(getpid()).wav").path
        defer { unlink(path) }
        var info = SF_INFO()
        info.samplerate = 44100
        info.channels = 2
        info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
        let frames = (0..<1000).flatMap { i in [Float(sin(Double(i) * 0.01)), Float(i) / 1000] }
        let writer = try #require(sf_open(path, Int32(SFM_WRITE), &info))
        #expect(sf_writef_float(writer, frames, 1000) == 1000)
        sf_close(writer)
        var readInfo = SF_INFO()
        let reader = try #require(sf_open(path, Int32(SFM_READ), &readInfo))
        defer { sf_close(reader) }
        var back = [Float](repeating: 0, count: 2000)
        #expect(sf_readf_float(reader, &back, 1000) == 1000)
        #expect(readInfo.frames == 1000 && readInfo.channels == 2 && readInfo.samplerate == 44100)
        #expect(back == frames)
    }

    @Test func libavcodecOpensAnH264Encoder() throws {
        let codec = try #require(avcodec_find_encoder_by_name("libx264"), "Debian's libavcodec links libx264")
        var context = avcodec_alloc_context3(codec)
        defer { avcodec_free_context(&context) }
        let c = try #require(context)
        c.pointee.width = 64
        c.pointee.height = 48
        c.pointee.time_base = AVRational(num: 1, den: 24)
        c.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        #expect(avcodec_open2(c, codec, nil) == 0)
    }

    @Test func openBLASMultipliesMatrices() {
        let a: [Float] = [1, 2, 3, 4, 5, 6]  // 2×3
        let b: [Float] = [7, 8, 9, 10, 11, 12]  // 3×2
        var c = [Float](repeating: 0, count: 4)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1, a, 3, b, 2, 0, &c, 2)
        #expect(c == [58, 64, 139, 154])
    }
}
