import ArgumentParser
import ForcePrompt
import Foundation
import LoomCore

/// `loom control wind`: the global wind field's constant channels.
struct ControlWind: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wind",
        abstract: "The wind control: 49 x 3 x 480 x 720, channels 2*speed - 1, cos(angle), sin(angle), constant everywhere.",
        discussion: """
            Exactly what the trainer computes (reference section 5.3): channel 0 is the normalised wind speed s mapped to [-1, 1], channels 1 and 2 the cosine and sine of the wind angle (degrees counter-clockwise from image right, 90 = up), the same at every pixel of every frame.

            Give --speed and --angle, or --from-csv with --row; with a CSV the speed is re-normalised by the CSV's smallest and largest wind_speed, as the trainer does.

            Output (--out): FILE.npy, float32 of shape (49, 3, 480, 720), 203 MB; or FILE.mp4, an 8 fps video with the three channels as red, green and blue, each mapped from [-1, 1] to 0-255.
            """
    )

    @Option(help: "Normalised wind speed in [0, 1].")
    var speed: Double?

    @Option(help: "Wind direction in degrees, counter-clockwise from image right.")
    var angle: Double?

    @OptionGroup var file: ControlFile

    func run() throws {
        let control = try makeControl()
        let frame = control.image()
        try Control.write(file.out, npy: control.writeNpy, frames: WindControl.frames) { _ in frame }
        let v = control.values
        ProgressReporter.note(String(format: "%@: channels %.4f, %.4f, %.4f (speed %.4f toward %.1f°)", file.out, v.x, v.y, v.z,
                             control.speed, control.angle), style: .text)
    }

    func makeControl() throws -> WindControl {
        if let csv = try file.csvRow(numbers: "--speed and --angle", numbersGiven: speed != nil || angle != nil) {
            return try WindControl.fromCSV(csv.path, row: csv.row)
        }
        guard let speed, let angle else { throw LoomError.usage("give --speed and --angle (or --from-csv CSV --row N)") }
        guard angle.isFinite else { throw LoomError.usage("--angle must be a finite number of degrees") }
        guard (0...1).contains(speed) else { throw LoomError.usage("--speed must be a normalised speed in [0, 1], not \(speed)") }
        return WindControl(speed: speed, angle: angle)
    }
}
