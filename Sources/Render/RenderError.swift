import LoomCore

/// Errors of the renderer.
public enum RenderError: UserFacingError {
    /// A bad image or texture.
    case texture(String)

    public var isUsageError: Bool { true }

    public var description: String {
        switch self {
        case .texture(let message): message
        }
    }
}
