import Foundation
import LoomCore
import Testing
@testable import Media

@Suite struct SoundFileTests {
    static func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("media-\(getpid())-\(name)").path
    }

    /// A 440 Hz tone, left louder than right, interleaved stereo.
    static let tone: [Float] = (0..<4410).flatMap { i -> [Float] in
        let v = Float(sin(2 * Double.pi * 440 * Double(i) / 44_100))
        return [0.5 * v, 0.25 * v]
    }

    @Test(arguments: AudioFormat.allCases)
    func writesAndReadsBack(format: AudioFormat) throws {
        let path = Self.scratch("tone-\(format.rawValue).\(format.fileExtension)")
        defer { unlink(path) }
        try Self.tone.withUnsafeBufferPointer { try SoundFile.write($0, format: format, to: path) }
        let audio = try SoundFile.read(path)
        #expect(audio.frames == 4410 && audio.channels == 2 && audio.sampleRate == 44_100)
        #expect(audio.format == format.sndfileFormat)
        let tolerance: Float = switch format { case .wav: 0; case .pcm16, .flac16: 1.0 / 32_767; case .flac: 1.0 / 8_388_607 }
        let worst = zip(audio.samples, Self.tone).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= tolerance)
        #expect(try SoundFile.info(path).frames == 4410)
        let inMemory = try Self.tone.withUnsafeBufferPointer { try SoundFile.encode($0, format: format) }
        let sameBytes = inMemory == (try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(sameBytes)
    }

    /// The peak that `storedPeak` predicts is the peak a reader finds in the file.
    @Test(arguments: AudioFormat.allCases)
    func storedPeakIsThePeakReadBack(format: AudioFormat) throws {
        let path = Self.scratch("peak-\(format.rawValue).\(format.fileExtension)")
        defer { unlink(path) }
        for scale: Float in [1, 0.013, 0.0007] {
            let samples = Self.tone.map { $0 * scale }
            try samples.withUnsafeBufferPointer { try SoundFile.write($0, format: format, to: path) }
            let back = try SoundFile.read(path).samples.withUnsafeBufferPointer(AudioLevel.peak)
            #expect(back == format.storedPeak(samples.withUnsafeBufferPointer(AudioLevel.peak)), "\(format) at \(scale)")
        }
    }

    @Test func peakIsTheLargestAbsoluteSample() {
        var samples = (0..<1003).map { Float(sin(Double($0))) * 0.5 }
        samples[1001] = -0.75
        #expect(samples.withUnsafeBufferPointer(AudioLevel.peak) == 0.75)
        #expect([Float]().withUnsafeBufferPointer(AudioLevel.peak) == 0)
        #expect([Float](repeating: 0, count: 64).withUnsafeBufferPointer(AudioLevel.peak) == 0)
    }

    @Test func oneEncoderMakesTheSameBytesAsWriteForEveryFormatInTurn() throws {
        let encoder = AudioEncoder()
        for format in AudioFormat.allCases + AudioFormat.allCases.reversed() {
            let path = Self.scratch("enc-\(format.rawValue).\(format.fileExtension)")
            defer { unlink(path) }
            try Self.tone.withUnsafeBufferPointer { try SoundFile.write($0, format: format, to: path) }
            let same = try Self.tone.withUnsafeBufferPointer { samples in
                try encoder.withEncoded(samples, format: format) { $0 == (try Data(contentsOf: URL(fileURLWithPath: path))) }
            }
            #expect(same, "\(format)")
        }
    }

    @Test func floatWavHasNoTimestampedPeakChunk() throws {
        let a = Self.scratch("a.wav"), b = Self.scratch("b.wav")
        defer { unlink(a); unlink(b) }
        try Self.tone.withUnsafeBufferPointer { try SoundFile.write($0, to: a) }
        sleep(1)
        try Self.tone.withUnsafeBufferPointer { try SoundFile.write($0, to: b) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: a))
        let identical = bytes == (try Data(contentsOf: URL(fileURLWithPath: b)))
        #expect(identical)
        #expect(bytes.range(of: Data("PEAK".utf8)) == nil)
        // RIFF + fmt (IEEE float) + fact + libsndfile's PAD chunk (aligns the data) + data
        #expect(bytes.count == 12 + 24 + 12 + 32 + 8 + 4410 * 8)
    }

    @Test func silenceIsJudgedAsTheFormatStoresIt() throws {
        let faint = [Float](repeating: 1e-5, count: 200)
        let pcm = Self.scratch("faint.wav")
        defer { unlink(pcm) }
        try faint.withUnsafeBufferPointer { samples in
            let peak = AudioLevel.peak(samples)
            #expect(peak == 1e-5)
            #expect(AudioFormat.pcm16.isSilent(peak: peak))
            #expect(!AudioFormat.wav.isSilent(peak: peak))
            #expect(!AudioFormat.flac.isSilent(peak: peak))
            try SoundFile.write(samples, format: .pcm16, to: pcm)
        }
        #expect(!(try SoundFile.read(pcm)).samples.contains { $0 != 0 })
        // Half a 16-bit step rounds to even (0); anything above it survives.
        #expect(AudioFormat.pcm16.isSilent(peak: 0.5 / 32_767) && !AudioFormat.pcm16.isSilent(peak: 0.51 / 32_767))
        #expect(AudioFormat.wav.isSilent(peak: 0))
    }

    @Test func aFullDiskIsReportedAndLeavesNothing() throws {
        // /dev/full accepts the open and fails every write with ENOSPC.
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let big = [Float](repeating: 0.1, count: 2 * 441_000)
        #expect {
            try big.withUnsafeBufferPointer { try SoundFile.write($0, to: "/dev/full") }
        } throws: { error in
            guard case LoomError.diskFull(let path)? = error as? LoomError else { return false }
            return path == "/dev/full" && "\(error)".contains("run the same command again")
        }
        #expect(FileManager.default.fileExists(atPath: "/dev/full"))
    }
}
