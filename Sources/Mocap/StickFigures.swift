import Foundation
import LoomCore
import Physics

/// Stick figures of windows seen from the side: +Z (the facing at the window start) to the right, Y up.
public enum StickFigures {
    /// Poses shown per window on the contact sheet.
    static let posesPerWindow = 4
    /// Pixels per metre, and the size of one pose's cell on the sheet.
    static let pixelsPerMetre = 40.0, cellWidth = 80, cellHeight = 90
    static let columns = 3

    /// Line segments (world points) of a posed humanoid, parent to child and each leaf to its tip,
    /// with their side: 0 midline, 1 left, 2 right (for colours).
    static func bones(_ frame: HumanoidFrame, humanoid: Humanoid) -> [(Vec3, Vec3, Int)] {
        var segments: [(Vec3, Vec3, Int)] = []
        let links = humanoid.skeleton.links
        for (i, link) in links.enumerated() {
            let side = link.name.hasPrefix("left_") ? 1 : link.name.hasPrefix("right_") ? 2 : 0
            if let p = link.parent { segments.append((frame.positions[p], frame.positions[i], side)) }
            if !links.contains(where: { $0.parent == i }) {
                segments.append((frame.positions[i], frame.positions[i] + frame.orientations[i].rotate(link.shapeOrigin * 2), side))
            }
        }
        segments.append((frame.soles[0], frame.soles[1], 1))
        segments.append((frame.soles[2], frame.soles[3], 2))
        return segments
    }

    /// A grid of windows, a few poses each, as an image.
    public static func contactSheet(_ windows: [[HumanoidFrame]], humanoid: Humanoid) -> RGBImage {
        let rowWidth = cellWidth * posesPerWindow + 10
        let rows = (windows.count + columns - 1) / columns
        var image = RGBImage(width: rowWidth * columns, height: cellHeight * rows,
                             pixels: [UInt8](repeating: 250, count: rowWidth * columns * cellHeight * rows * 3))
        let colours: [(UInt8, UInt8, UInt8)] = [(40, 40, 40), (200, 50, 40), (40, 90, 200)]
        for (w, frames) in windows.enumerated() {
            let x0 = (w % columns) * rowWidth, y0 = (w / columns) * cellHeight
            for k in 0..<posesPerWindow {
                let frame = frames[min(frames.count - 1, k * (frames.count - 1) / max(posesPerWindow - 1, 1))]
                let cx = Double(x0 + k * cellWidth + cellWidth / 2), ground = Double(y0 + cellHeight - 10)
                func point(_ p: Vec3) -> (Double, Double) { (cx + (p.z - frame.positions[0].z) * pixelsPerMetre, ground - p.y * pixelsPerMetre) }
                line(&image, (cx - 30, ground), (cx + 30, ground), (170, 170, 170))
                for (a, b, side) in bones(frame, humanoid: humanoid) {
                    line(&image, point(a), point(b), colours[side])
                }
            }
        }
        return image
    }

    /// Draws a one-pixel line, clipped to the image.
    static func line(_ image: inout RGBImage, _ a: (Double, Double), _ b: (Double, Double), _ colour: (UInt8, UInt8, UInt8)) {
        let steps = Int(max(abs(b.0 - a.0), abs(b.1 - a.1)).rounded(.up)) + 1
        for s in 0...steps {
            let t = Double(s) / Double(steps)
            let x = Int((a.0 + t * (b.0 - a.0)).rounded()), y = Int((a.1 + t * (b.1 - a.1)).rounded())
            if x >= 0 && x < image.width && y >= 0 && y < image.height { image[x, y] = (r: colour.0, g: colour.1, b: colour.2) }
        }
    }

    /// One window as an SVG filmstrip: eight poses side by side, each at its place along Z.
    static func filmstrip(_ frames: [HumanoidFrame], humanoid: Humanoid, title: String) -> String {
        let shown = 8, scale = 60.0, gap = 110.0, height = 180.0
        let width = gap * Double(shown) + 40
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"10\" y=\"18\" font-family=\"sans-serif\" font-size=\"13\">\(escape(title))</text>\n"
        let colours = ["#333333", "#c83228", "#285ac8"]
        let ground = height - 20
        svg += "<line x1=\"0\" y1=\"\(ground)\" x2=\"\(width)\" y2=\"\(ground)\" stroke=\"#aaaaaa\"/>\n"
        for k in 0..<shown {
            let index = min(frames.count - 1, k * (frames.count - 1) / (shown - 1))
            let frame = frames[index]
            let cx = 40 + gap * Double(k)
            func point(_ p: Vec3) -> String {
                String(format: "%.1f,%.1f", cx + (p.z - frame.positions[0].z) * scale, ground - p.y * scale)
            }
            svg += "<g stroke-width=\"2.5\" stroke-linecap=\"round\">\n"
            for (a, b, side) in bones(frame, humanoid: humanoid) {
                svg += "<polyline points=\"\(point(a)) \(point(b))\" stroke=\"\(colours[side])\"/>\n"
            }
            svg += "</g>\n<text x=\"\(cx - 15)\" y=\"\(height - 4)\" font-family=\"sans-serif\" font-size=\"11\">frame \(index)</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
