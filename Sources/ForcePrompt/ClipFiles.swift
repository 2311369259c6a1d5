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
        } catch let error as VideoError {
            try? FileManager.default.removeItem(at: output.url(video))
            throw ForcePromptError.output(path: output.url(video).path, reason: error.description)
        } catch let error as LoomError {
            try? FileManager.default.removeItem(at: output.url(video))
            if case .unwritable(_, let reason) = error {
                throw ForcePromptError.output(path: output.url(params).path, reason: reason)
            }
            throw error
        }
    }
}
