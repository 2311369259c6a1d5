import Foundation
import LoomCore

/// Finds the motion capture sources that `make deps` fetches: the pybullet 3.2.7 wheel's
/// `pybullet_data/` (DeepMimic humanoid and clips), unpacked into `~/.cache/synthloom/`, and the
/// CMU BVH captures of Debian's `assimp-testmodels` in `/usr/share/assimp/models/BVH/`.
public enum MotionSources {
    /// The environment variable naming one folder that holds `pybullet_data/` and `BVH/`; when set,
    /// only it is searched.
    public static let environmentKey = "LOOM_MOTION_DATA"

    /// The URL of `relativePath` (`pybullet_data/...` or `BVH/...`).
    public static func url(_ relativePath: String) throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        let override = environment[environmentKey].flatMap { $0.isEmpty ? nil : $0 }
        for root in override.map({ [$0] }) ?? [cacheFolder(environment).path, "/usr/share/assimp/models"] {
            let url = URL(fileURLWithPath: root).appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        let provider = relativePath.hasPrefix("BVH/")
            ? "install the Debian package assimp-testmodels (`make deps` does)"
            : "run `make deps` (it downloads the pybullet 3.2.7 wheel and unpacks pybullet_data into \(cacheFolder(environment).path))"
        if let override { throw LoomError.usage("\(environmentKey)=\(override) has no \(relativePath); \(provider) or point it at a folder with pybullet_data/ and BVH/") }
        throw LoomError.usage("cannot find the motion source \(relativePath); \(provider)")
    }

    /// `$XDG_CACHE_HOME/synthloom`, or `~/.cache/synthloom`.
    public static func cacheFolder(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("synthloom")
    }
}
