import Foundation
import LoomCore
import Testing
@testable import ForcePrompt

@Test func windControlChannelsAreTheTrainers() throws {
    let up = WindControl(speed: 0.25, angle: 90).values
    #expect(up.x == -0.5 && abs(up.y) < 1e-7 && up.z == 1)
    let left = WindControl(speed: 1, angle: 180).values
    #expect(left.x == 1 && left.y == -1 && abs(left.z) < 1e-7)
    // From a CSV the speed is re-normalised over the column, as the trainer does.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loom-windcontrol-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let csv = folder.appendingPathComponent("wind.csv")
    try Data("video,wind_speed,wind_angle,frame,fps,seconds,caption\na.mp4,0.2,30.0,120,24.0,5.0,x\nb.mp4,0.6,45.0,120,24.0,5.0,y\nc.mp4,1.0,60.0,120,24.0,5.0,z\n".utf8)
        .write(to: csv)
    let middle = try WindControl.fromCSV(csv.path, row: 1)
    #expect(abs(middle.speed - 0.5) < 1e-12 && middle.angle == 45)
    #expect(throws: LoomError.self) { try WindControl.fromCSV(csv.path, row: 3) }
    // The .npy holds 49 × 3 × 480 × 720 constant planes.
    let npy = folder.appendingPathComponent("c.npy")
    try middle.writeNpy(to: npy)
    let bytes = try Data(contentsOf: npy)
    #expect(bytes.count > 49 * 3 * 480 * 720 * 4)
    let header = bytes.count - 49 * 3 * 480 * 720 * 4
    let value = { (i: Int) -> Float in bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: header + 4 * i, as: Float.self) } }
    let plane = 480 * 720
    // (0.6 − 0.2) / 0.8 is 0.5 to within a rounding step.
    #expect(abs(value(0)) < 1e-6, "\(value(0))")
    #expect(abs(value(plane) - Float(cos(Double.pi / 4))) < 1e-6, "\(value(plane))")
    #expect(abs(value(3 * plane * 48 + 2 * plane + 5) - Float(sin(Double.pi / 4))) < 1e-6)
}
