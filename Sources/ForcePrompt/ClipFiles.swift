import Foundation
import LoomCore
import Media

/// Writes one clip's files: the video, made by the caller into a temporary file, and the clip's JSON.
enum ClipFiles {
    /// A clip that cannot be written (a full disk, a vanished folder) is removed and not recorded:
    /// a rerun makes it again.
    static func write(_ output: SampleOutput, video: String, params: String, encode: (URL) throws -> Void,
                      json: () throws -> JSONValue) throws {
        do {
            try output.produce(video, encode)
            try output.write(Data(try json().prettyText.utf8), to: params)
        } catch {
            try? FileManager.default.removeItem(at: output.url(video))
            switch error {
            case VideoError.core(.unwritable(_, let reason)):
                throw ForcePromptError.output(path: output.url(video).path, reason: reason)
            case let error as VideoError:
                throw ForcePromptError.output(path: output.url(video).path, reason: error.description)
            case LoomError.unwritable(_, let reason):
                throw ForcePromptError.output(path: output.url(params).path, reason: reason)
            default:
                throw error
            }
        }
    }
}
