import Foundation
import LoomCore
import Media
import Render

/// A folder of the user's images: ground textures (`--textures DIR`) or backgrounds (`--backgrounds DIR`).
enum UserImages {
    /// Every file in `folder` (hidden files aside, sorted) decoded, named for its file name. A file
    /// that is not a PNG or JPEG image is a usage error naming it; `option` and `kind` name the flag
    /// and what the images are for in messages.
    /// The files of `folder` that `load` reads, by name (hidden files and folders left out).
    static func files(_ folder: String) -> [URL] {
        let url = URL(fileURLWithPath: folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            .map { url.appendingPathComponent($0) }
            .filter { path in
                var isDir: ObjCBool = false
                return FileManager.default.fileExists(atPath: path.path, isDirectory: &isDir) && !isDir.boolValue
            }
    }

    static func load(_ folder: String, option: String, kind: String) throws -> [(name: String, image: RGBImage)] {
        let url = URL(fileURLWithPath: folder)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw LoomError.usage("\(option) \(folder): no such folder; give a folder of PNG or JPEG \(kind) images")
        }
        var images: [(name: String, image: RGBImage)] = []
        for path in files(folder) {
            let file = path.lastPathComponent
            let image: RGBImage
            do {
                image = try ImageDecoder.decode(url: path)
            } catch {
                throw LoomError.usage("\(option): \(error.description)")
            }
            let name = safeName(file)
            if images.contains(where: { $0.name == name }) {
                throw LoomError.usage("\(option) \(folder): two images make the \(kind) name '\(name)'; rename one")
            }
            images.append((name, image))
        }
        if images.isEmpty {
            throw LoomError.usage("\(option) \(folder) holds no images; add PNG or JPEG \(kind) images")
        }
        return images
    }

    /// Ground materials from `--textures DIR`.
    static func grounds(_ folder: String) throws -> [GroundMaterial] {
        try load(folder, option: "--textures", kind: "ground").map { GroundMaterial.image($0.image, name: $0.name) }
    }

    /// A file name as a name that is safe in the originals' file-name patterns: letters, digits and
    /// `-`, words joined by `_`, and none of the words their CSV builders look for.
    static func safeName(_ file: String) -> String {
        let stem = (file as NSString).deletingPathExtension
        let words = stem.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
            .map(String.init)
            .filter { !["angle", "force", "coordx", "coordy", "background", "bowling", "flag", "sample"].contains($0) }
        return words.isEmpty ? "image" : words.joined(separator: "_")
    }
}
