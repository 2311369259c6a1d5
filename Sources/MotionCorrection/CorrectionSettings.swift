import Physics

/// How the humanoid corrector treats a motion: how hard the root helper may pull, when the
/// fail-safe resets, and the controller underneath.
public struct CorrectionSettings: Sendable, Equatable {
    /// UHC's fail-safe threshold: a mean link error above 0.5 m counts as a fall (`uhc_explicit`).
    public static let uhcFailSafeError = 0.5

    /// The root helper's force cap in body weights: 0 is pure physics, 1 the humanoid's weight
    /// (enough to track most real motion); the torque cap follows (`Controller.torquePerForce`).
    public var strength: Double
    /// The mean link error (m) past which the humanoid is put back on the motion; nil: never.
    public var failSafeError: Double?
    /// Frames per second of the motions (the mocap dataset's 20).
    public var fps: Double
    /// The tracking controller's constants.
    public var controller: HumanoidTracker.Controller

    /// Settings with UHC's fail-safe and the mocap dataset's 20 fps by default.
    public init(strength: Double = 1, failSafeError: Double? = CorrectionSettings.uhcFailSafeError, fps: Double = 20,
                controller: HumanoidTracker.Controller = HumanoidTracker.Controller()) {
        self.strength = strength
        self.failSafeError = failSafeError
        self.fps = fps
        self.controller = controller
    }
}
