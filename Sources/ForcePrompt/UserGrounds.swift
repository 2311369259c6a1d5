import Foundation
import LoomCore
import Media
import Render

/// Ground materials from a folder of the user's images (`--textures DIR`).
enum UserGrounds {
    /// Every file in `folder` (hidden files aside) as a ground material named for its file name.
    /// A file that is not a PNG or JPEG image is a usage error naming it.
    static func load(_ folder: String) throws -> [GroundMaterial] {
        let url = URL(fileURLWithPath: folder)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ForcePromptError.usage("--textures \(folder): no such folder; give a folder of PNG or JPEG ground images")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        var grounds: [GroundMaterial] = []
        for file in names {
            let path = url.appendingPathComponent(file)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path.path, isDirectory: &isDir), isDir.boolValue { continue }
            let image: RGBImage
            do {
                image = try ImageDecoder.decode(url: path)
            } catch {
                throw ForcePromptError.usage("--textures: \(error.description)")
            }
            let name = groundName(file)
            if grounds.contains(where: { $0.name == name }) {
                throw ForcePromptError.usage("--textures \(folder): two images make the ground name '\(name)'; rename one")
            }
            grounds.append(GroundMaterial.image(image, name: name))
        }
        if grounds.isEmpty {
            throw ForcePromptError.usage("--textures \(folder) holds no images; add PNG or JPEG ground images")
        }
        return grounds
    }

    /// A file name as a ground name that is safe in the original's file-name pattern: letters,
    /// digits and `-`, words joined by `_`, and none of the words the CSV builder looks for.
    static func groundName(_ file: String) -> String {
        let stem = (file as NSString).deletingPathExtension
        let words = stem.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
            .map(String.init)
            .filter { !["angle", "force", "coordx", "coordy", "background", "bowling"].contains($0) }
        return words.isEmpty ? "image" : words.joined(separator: "_")
    }
}
