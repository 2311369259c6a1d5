import Foundation
import LoomCore
import Media

/// A PNG for a person to look at: the first and last frame of each clip, side by side, four clips
/// to a row in index order, the labels drawn on each first frame by an annotation (`poke`: a red
/// cross on the poke pixel and a yellow line along the angle; `wind`: a yellow line along the wind).
enum ContactSheet {
    /// Draws a record's labels on its first frame, shrunk by `factor` from a frame `fullHeight` tall.
    typealias Annotation = (_ record: ManifestRecord, _ image: inout RGBImage, _ factor: Int, _ fullHeight: Int) -> Void

    static let clipsPerRow = 4
    static let thumbnailWidth = 180
    static let gap = 4, clipGap = 12, margin = 8
    static let background: (UInt8, UInt8, UInt8) = (32, 32, 32)

    /// Writes the sheet for `records` from their videos under `folder`. Does nothing when the videos
    /// are not there (`loom validate` re-runs `finish` into an empty scratch folder).
    static func write(records: ArraySlice<ManifestRecord>, videos folder: URL, to url: URL,
                      annotate: Annotation = poke) throws {
        let clips = records.compactMap { r in r.files.first { $0.path.hasSuffix(".mp4") }.map { (r, $0.path) } }
        guard !clips.isEmpty,
              clips.allSatisfy({ FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.1).path) })
        else { return }
        var cells: [(RGBImage, RGBImage)] = []
        for (record, path) in clips {
            let video = try VideoReader.read(url: folder.appendingPathComponent(path))
            guard let first = video.frames.first, let last = video.frames.last else { continue }
            let factor = max(1, first.width / thumbnailWidth)
            var start = shrink(first, by: factor)
            annotate(record, &start, factor, first.height)
            cells.append((start, shrink(last, by: factor)))
        }
        guard let (sample, _) = cells.first else { return }
        let tw = sample.width, th = sample.height
        let cellWidth = 2 * tw + gap
        let columns = min(clipsPerRow, cells.count)
        let rows = (cells.count + clipsPerRow - 1) / clipsPerRow
        var sheet = RGBImage(width: 2 * margin + columns * cellWidth + (columns - 1) * clipGap,
                             height: 2 * margin + rows * th + (rows - 1) * clipGap)
        for i in 0..<(sheet.width * sheet.height) {
            sheet.pixels[3 * i] = background.0
            sheet.pixels[3 * i + 1] = background.1
            sheet.pixels[3 * i + 2] = background.2
        }
        for (i, cell) in cells.enumerated() {
            let left = margin + (i % clipsPerRow) * (cellWidth + clipGap)
            let top = margin + (i / clipsPerRow) * (th + clipGap)
            paste(cell.0, into: &sheet, x: left, y: top)
            paste(cell.1, into: &sheet, x: left + tw + gap, y: top)
        }
        try AtomicFile.write(try PNGCodec.encode(sheet), to: url)
    }

    /// The point-force labels: a red cross on (coordx, coordy) and a yellow line along the angle.
    static func poke(_ record: ManifestRecord, _ image: inout RGBImage, _ factor: Int, _ fullHeight: Int) {
        let x = Double(record.labels.int("coordx") ?? 0) / Double(factor)
        let y = Double(fullHeight - (record.labels.int("coordy") ?? 0)) / Double(factor)
        let angle = (record.labels.double("angle") ?? 0) * Double.pi / 180
        drawLine(&image, from: SIMD2(x, y), to: SIMD2(x + 28 * cos(angle), y - 28 * sin(angle)), color: (255, 220, 0))
        drawCross(&image, at: SIMD2(x, y), color: (255, 0, 0))
    }

    /// The wind labels: from the top-right corner a yellow line along wind_angle, 8 + 30·speed pixels
    /// long for the normalised speed (the CSV's wind_speed).
    static func wind(speedRange: ClosedRange<Double>) -> Annotation {
        { record, image, _, _ in
            let speed = record.labels.double("wind_speed") ?? 0
            let f = speedRange.upperBound > speedRange.lowerBound
                ? (speed - speedRange.lowerBound) / (speedRange.upperBound - speedRange.lowerBound) : 0
            let angle = (record.labels.double("wind_angle") ?? 0) * Double.pi / 180
            let centre = SIMD2(Double(image.width) - 24, 24.0), length = 8 + 30 * f
            let end = centre + SIMD2(length * cos(angle), -length * sin(angle))
            drawLine(&image, from: centre, to: end, color: (255, 220, 0))
            drawCross(&image, at: end, color: (255, 220, 0))
        }
    }

    /// The image shrunk by an integer factor, each output pixel the mean of a factor × factor block.
    static func shrink(_ image: RGBImage, by f: Int) -> RGBImage {
        let w = image.width / f, h = image.height / f
        var out = RGBImage(width: w, height: h)
        for y in 0..<h {
            for x in 0..<w {
                for k in 0..<3 {
                    var sum = 0
                    for dy in 0..<f {
                        let row = (y * f + dy) * image.width
                        for dx in 0..<f { sum += Int(image.pixels[(row + x * f + dx) * 3 + k]) }
                    }
                    out.pixels[(y * w + x) * 3 + k] = UInt8((sum + f * f / 2) / (f * f))
                }
            }
        }
        return out
    }

    static func paste(_ image: RGBImage, into sheet: inout RGBImage, x: Int, y: Int) {
        for row in 0..<image.height {
            let source = row * image.width * 3, target = ((y + row) * sheet.width + x) * 3
            sheet.pixels.replaceSubrange(target..<(target + image.width * 3),
                                         with: image.pixels[source..<(source + image.width * 3)])
        }
    }

    static func plot(_ image: inout RGBImage, _ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
        image[x, y] = (c.0, c.1, c.2)
    }

    static func drawLine(_ image: inout RGBImage, from a: SIMD2<Double>, to b: SIMD2<Double>, color: (UInt8, UInt8, UInt8)) {
        let steps = Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)) + 1
        for s in 0...steps {
            let p = a + (b - a) * (Double(s) / Double(steps))
            plot(&image, Int(p.x.rounded(.down)), Int(p.y.rounded(.down)), color)
        }
    }

    static func drawCross(_ image: inout RGBImage, at p: SIMD2<Double>, color: (UInt8, UInt8, UInt8)) {
        let x = Int(p.x.rounded(.down)), y = Int(p.y.rounded(.down))
        for d in -4...4 {
            plot(&image, x + d, y, color)
            plot(&image, x, y + d, color)
        }
    }
}
