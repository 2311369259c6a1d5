import Foundation
import LoomCore

/// Everything drawn for one rolling-ball clip: which ball, the push, the camera zoom, where the
/// balls sit, how they look and the ground. The simulation and the render follow from it alone.
public struct BallClip: Sendable, Equatable, Codable {
    /// A ball's kind: a 1 kg soccer ball or a 4 kg bowling ball.
    public enum Kind: String, Sendable, Codable {
        /// The 1 kg soccer ball.
        case soccer
        /// The 4 kg bowling ball.
        case bowling
    }

    /// How one ball looks.
    public struct Look: Sendable, Equatable, Codable {
        /// Soccer or bowling.
        public var kind: Kind
        /// Soccer: Blender's Hue/Saturation node inputs, hue ~ U(0.85, 1.15) (0.5 would be no shift),
        /// saturation and value ~ U(0.9, 1.1).
        public var hue: Double?
        /// Soccer: the saturation factor, ~ U(0.9, 1.1).
        public var saturation: Double?
        /// Soccer: the value (brightness) factor, ~ U(0.9, 1.1).
        public var value: Double?
        /// Bowling: the solid colour's name and linear RGB.
        public var colorName: String?
        /// Bowling: the linear RGB colour, each 0-1.
        public var color: [Double]?

        /// The JSON keys of `params/<name>.json`.
        public enum CodingKeys: String, CodingKey {
            case kind, hue, saturation, value
            case colorName = "color_name"
            case color
        }
    }

    /// A ball on the ground: centre (x, y); z is `BallScene.ballCentreZ`.
    public struct Placed: Sendable, Equatable, Codable {
        /// Centre x (metres).
        public var x: Double
        /// Centre y (metres).
        public var y: Double
        /// How the ball looks.
        public var look: Look
    }

    /// The pushed ball.
    public var ball: Placed
    /// φ in degrees: the field sits at φ from the ball, so the push points toward φ + 180°.
    public var fieldAngle: Double
    /// Push strength s in newtons.
    public var strength: Double
    /// Camera zoom in [0, 0.6).
    public var zoom: Double
    /// Kinematic obstacles.
    public var distractors: [Placed]
    /// The ground material's name.
    public var ground: String

    /// The JSON keys of `params/<name>.json`, with their units.
    public enum CodingKeys: String, CodingKey {
        case ball
        case fieldAngle = "field_angle_deg"
        case strength = "strength_n"
        case zoom = "camera_zoom"
        case distractors, ground
    }

    /// The pushed ball's kind.
    public var kind: Kind { ball.look.kind }

    /// The force field's position: 0.5 m from the ball toward φ, at z = 0.
    public var fieldPosition: SIMD3<Double> {
        let phi = fieldAngle * Double.pi / 180
        return SIMD3(ball.x + BallScene.fieldDistance * cos(phi), ball.y + BallScene.fieldDistance * sin(phi),
                     BallScene.fieldHeight)
    }
}

/// How clips are drawn (reference §3.2, "Per-clip randomisation").
public struct BallClipSampler: Sendable {
    /// Push strengths are drawn from U(min, max) newtons; the original's is [8, 64].
    public var forceRange: ClosedRange<Double>
    /// Ground materials to choose from, uniformly.
    public var grounds: [String]

    /// The chance that the pushed ball is a bowling ball (the original's 1/3).
    public static let bowlingProbability = 0.333
    /// The chance that a distractor is a bowling ball.
    public static let bowlingDistractorProbability = 0.2
    /// How many distractors a clip has, uniformly.
    public static let distractorCounts = 1...3
    /// The least distance from a distractor to the pushed ball (metres).
    public static let minDistanceToBall = 2.0
    /// The least distance between two distractors (metres).
    public static let minDistanceBetweenDistractors = 1.0
    /// Half-width of the tube the pushed ball rolls along, kept free of distractors (metres).
    public static let tubeRadius = 1.5
    /// Tries at a distractor's spot before it is left out, as in the original.
    public static let placementTries = 50

    /// A sampler over the push range (newtons) and the ground names.
    public init(forceRange: ClosedRange<Double>, grounds: [String]) {
        precondition(!grounds.isEmpty, "a clip needs at least one ground material")
        self.forceRange = forceRange
        self.grounds = grounds
    }

    /// Draws a clip from its random stream.
    public func draw(_ random: inout RandomStream) -> BallClip {
        let kind: BallClip.Kind = random.bernoulli(Self.bowlingProbability) ? .bowling : .soccer
        let fieldAngle = random.uniform(0, 360)
        let strength = random.uniform(forceRange.lowerBound, forceRange.upperBound)
        let zoom = random.uniform(0, BallScene.maxZoom)
        let corners = BallScene.spawnCorners(zoom: zoom)
        let spot = BallScene.bilinear(corners, u: random.uniform(), v: random.uniform())
        let count = Self.distractorCounts.lowerBound + random.integer(below: Self.distractorCounts.count)
        let spots = distractorSpots(count, corners: corners, ball: spot, fieldAngle: fieldAngle, random: &random)
        let bowlingIndex = !spots.isEmpty && random.bernoulli(Self.bowlingDistractorProbability)
            ? random.integer(below: spots.count) : -1
        let ball = BallClip.Placed(x: spot.x, y: spot.y, look: Self.look(kind, &random))
        let distractors = spots.enumerated().map { i, p in
            BallClip.Placed(x: p.x, y: p.y, look: Self.look(i == bowlingIndex ? .bowling : .soccer, &random))
        }
        let ground = grounds[random.integer(below: grounds.count)]
        return BallClip(ball: ball, fieldAngle: fieldAngle, strength: strength, zoom: zoom,
                        distractors: distractors, ground: ground)
    }

    /// Distractor spots: away from the ball, from each other, and out of the tube the ball rolls along.
    /// A distractor with no valid spot after 50 tries is left out, as in the original.
    func distractorSpots(_ count: Int, corners: [SIMD2<Double>], ball: SIMD2<Double>, fieldAngle: Double,
                         random: inout RandomStream) -> [SIMD2<Double>] {
        let phi = fieldAngle * Double.pi / 180
        let toField = SIMD2(cos(phi), sin(phi))
        var spots: [SIMD2<Double>] = []
        for _ in 0..<count {
            for _ in 0..<Self.placementTries {
                let p = BallScene.bilinear(corners, u: random.uniform(), v: random.uniform())
                let d = p - ball
                if length(d) < Self.minDistanceToBall { continue }
                // The ball rolls away from the field: behind it (along −toField) is the tube.
                let along = (d * toField).sum()
                if along < 0, length(d - along * toField) < Self.tubeRadius { continue }
                if spots.contains(where: { length(p - $0) < Self.minDistanceBetweenDistractors }) { continue }
                spots.append(p)
                break
            }
        }
        return spots
    }

    /// A soccer look (hue, saturation, value shifts) or a bowling colour.
    static func look(_ kind: BallClip.Kind, _ random: inout RandomStream) -> BallClip.Look {
        switch kind {
        case .soccer:
            return BallClip.Look(kind: .soccer, hue: random.uniform(0.85, 1.15),
                                 saturation: random.uniform(0.9, 1.1), value: random.uniform(0.9, 1.1))
        case .bowling:
            let pick = BowlingColors.pick(random.integer(below: BowlingColors.drawCount))
            return BallClip.Look(kind: .bowling, colorName: pick.name, color: [pick.rgb.x, pick.rgb.y, pick.rgb.z])
        }
    }
}

func length(_ v: SIMD2<Double>) -> Double { (v * v).sum().squareRoot() }
