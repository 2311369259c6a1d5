import LoomCore

/// Errors of the physics engine.
public enum PhysicsError: UserFacingError {
    /// Bullet could not create an object.
    case creation(String)
    /// A Bullet call failed; the reason says which and why.
    case call(String)

    public var isUsageError: Bool { false }

    public var description: String {
        switch self {
        case .creation(let what): "Bullet could not create \(what)"
        case .call(let reason): "Bullet: \(reason)"
        }
    }
}
