import LoomCore

/// Errors of the renderer.
public enum RenderError: UserFacingError {
    /// A bad image or texture.
    case texture(String)

    /// Always: a bad texture is a bad input.
    public var isUsageError: Bool { true }

    /// One readable line.
    public var description: String {
        switch self {
        case .texture(let message): message
        }
    }
}
