import Foundation

/// A 3-vector of doubles (metres for positions).
public typealias Vec3 = SIMD3<Double>

/// A rotation as a unit quaternion (w, x, y, z), Hamilton product, right-handed axes.
public struct Quaternion: Sendable, Equatable, Codable {
    public var w: Double
    public var x: Double
    public var y: Double
    public var z: Double

    public init(w: Double, x: Double, y: Double, z: Double) {
        self.w = w
        self.x = x
        self.y = y
        self.z = z
    }

    /// No rotation.
    public static let identity = Quaternion(w: 1, x: 0, y: 0, z: 0)

    /// A rotation of `angle` radians about the unit vector `axis`.
    public init(axis: Vec3, angle: Double) {
        let s = sin(angle / 2)
        self.init(w: cos(angle / 2), x: axis.x * s, y: axis.y * s, z: axis.z * s)
    }

    /// A rotation of `angle` radians about coordinate axis 0 (x), 1 (y) or 2 (z).
    public init(coordinateAxis: Int, angle: Double) {
        var axis = Vec3.zero
        axis[coordinateAxis] = 1
        self.init(axis: axis, angle: angle)
    }

    /// The shortest rotation that turns unit vector `from` into unit vector `to`.
    public init(from: Vec3, to: Vec3) {
        let c = (from * to).sum()
        if c < -1 + 1e-12 {
            let other: Vec3 = abs(from.x) < 0.9 ? [1, 0, 0] : [0, 1, 0]
            let axis = Quaternion.cross(from, other)
            self.init(axis: axis / (axis * axis).sum().squareRoot(), angle: .pi)
            return
        }
        let axis = Quaternion.cross(from, to)
        self = Quaternion(w: 1 + c, x: axis.x, y: axis.y, z: axis.z).normalized
    }

    /// The vector part.
    public var vector: Vec3 { [x, y, z] }

    /// The inverse rotation.
    public var conjugate: Quaternion { Quaternion(w: w, x: -x, y: -y, z: -z) }

    /// The same rotation with the opposite sign (the other hemisphere).
    public var negated: Quaternion { Quaternion(w: -w, x: -x, y: -y, z: -z) }

    /// Scaled to unit length.
    public var normalized: Quaternion {
        let n = (w * w + x * x + y * y + z * z).squareRoot()
        return Quaternion(w: w / n, x: x / n, y: y / n, z: z / n)
    }

    /// The four-dimensional dot product.
    public func dot(_ other: Quaternion) -> Double { w * other.w + x * other.x + y * other.y + z * other.z }

    /// The rotation `lhs` after `rhs`.
    public static func * (lhs: Quaternion, rhs: Quaternion) -> Quaternion {
        Quaternion(w: lhs.w * rhs.w - lhs.x * rhs.x - lhs.y * rhs.y - lhs.z * rhs.z,
                   x: lhs.w * rhs.x + lhs.x * rhs.w + lhs.y * rhs.z - lhs.z * rhs.y,
                   y: lhs.w * rhs.y - lhs.x * rhs.z + lhs.y * rhs.w + lhs.z * rhs.x,
                   z: lhs.w * rhs.z + lhs.x * rhs.y - lhs.y * rhs.x + lhs.z * rhs.w)
    }

    /// `v` rotated.
    public func rotate(_ v: Vec3) -> Vec3 {
        let u = vector
        let t = 2 * Quaternion.cross(u, v)
        return v + w * t + Quaternion.cross(u, t)
    }

    /// The rotation angle in radians, in [0, π].
    public var angle: Double { 2 * atan2((x * x + y * y + z * z).squareRoot(), abs(w)) }

    /// The signed angle of this rotation's twist about the unit vector `axis` (swing-twist split).
    public func twist(about axis: Vec3) -> Double {
        let along = (vector * axis).sum()
        var angle = 2 * atan2(along, w)
        if angle > .pi { angle -= 2 * .pi } else if angle < -.pi { angle += 2 * .pi }
        return angle
    }

    /// Spherical linear interpolation from `a` (t = 0) to `b` (t = 1) along the shorter arc.
    public static func slerp(_ a: Quaternion, _ b: Quaternion, _ t: Double) -> Quaternion {
        var b = b
        var c = a.dot(b)
        if c < 0 { b = b.negated; c = -c }
        if c > 1 - 1e-9 {
            return Quaternion(w: a.w + t * (b.w - a.w), x: a.x + t * (b.x - a.x),
                              y: a.y + t * (b.y - a.y), z: a.z + t * (b.z - a.z)).normalized
        }
        let theta = acos(c)
        let s = sin(theta)
        let ka = sin((1 - t) * theta) / s, kb = sin(t * theta) / s
        return Quaternion(w: ka * a.w + kb * b.w, x: ka * a.x + kb * b.x, y: ka * a.y + kb * b.y, z: ka * a.z + kb * b.z)
    }

    /// The rotation matrix's three columns.
    public var columns: (Vec3, Vec3, Vec3) {
        (rotate([1, 0, 0]), rotate([0, 1, 0]), rotate([0, 0, 1]))
    }

    /// The rotation whose matrix has these orthonormal columns (Shepperd's method).
    public init(columns c0: Vec3, _ c1: Vec3, _ c2: Vec3) {
        let m00 = c0.x, m10 = c0.y, m20 = c0.z, m01 = c1.x, m11 = c1.y, m21 = c1.z, m02 = c2.x, m12 = c2.y, m22 = c2.z
        let trace = m00 + m11 + m22
        if trace > 0 {
            let s = 2 * (trace + 1).squareRoot()
            self.init(w: s / 4, x: (m21 - m12) / s, y: (m02 - m20) / s, z: (m10 - m01) / s)
        } else if m00 > m11 && m00 > m22 {
            let s = 2 * (1 + m00 - m11 - m22).squareRoot()
            self.init(w: (m21 - m12) / s, x: s / 4, y: (m01 + m10) / s, z: (m02 + m20) / s)
        } else if m11 > m22 {
            let s = 2 * (1 + m11 - m00 - m22).squareRoot()
            self.init(w: (m02 - m20) / s, x: (m01 + m10) / s, y: s / 4, z: (m12 + m21) / s)
        } else {
            let s = 2 * (1 + m22 - m00 - m11).squareRoot()
            self.init(w: (m10 - m01) / s, x: (m02 + m20) / s, y: (m12 + m21) / s, z: s / 4)
        }
        self = normalized
    }

    /// The continuous 6-D representation (Zhou et al. 2019): the matrix's first two columns.
    public var sixD: [Double] {
        let (c0, c1, _) = columns
        return [c0.x, c0.y, c0.z, c1.x, c1.y, c1.z]
    }

    /// The rotation nearest to a 6-D representation (Gram-Schmidt on its two columns).
    public init(sixD v: ArraySlice<Double>) {
        let i = v.startIndex
        let a: Vec3 = [v[i], v[i + 1], v[i + 2]], b: Vec3 = [v[i + 3], v[i + 4], v[i + 5]]
        let c0 = a / (a * a).sum().squareRoot()
        let d = b - (c0 * b).sum() * c0
        let c1 = d / (d * d).sum().squareRoot()
        self.init(columns: c0, c1, Quaternion.cross(c0, c1))
    }

    /// The rotation R = R_{axes[0]}(angles[0]) · R_{axes[1]}(angles[1]) · R_{axes[2]}(angles[2]) (radians),
    /// as a BVH channel list (`Zrotation Yrotation Xrotation` is axes [2, 1, 0]) defines it.
    public init(euler angles: [Double], axes: [Int]) {
        var q = Quaternion.identity
        for (axis, angle) in zip(axes, angles) { q = q * Quaternion(coordinateAxis: axis, angle: angle) }
        self = q
    }

    /// The angles (radians) of `init(euler:axes:)` for three distinct axes.
    public func euler(axes: [Int]) -> [Double] {
        let (c0, c1, c2) = columns
        let m = [[c0.x, c1.x, c2.x], [c0.y, c1.y, c2.y], [c0.z, c1.z, c2.z]]
        let i = axes[0], j = axes[1], k = axes[2]
        let cyclic = (j - i + 3) % 3 == 1
        let sign: Double = cyclic ? 1 : -1
        let b = asin(max(-1, min(1, sign * m[i][k])))
        let a = atan2(-sign * m[j][k], m[k][k])
        let c = atan2(-sign * m[i][j], m[i][i])
        return [a, b, c]
    }

    static func cross(_ a: Vec3, _ b: Vec3) -> Vec3 {
        [a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x]
    }
}
