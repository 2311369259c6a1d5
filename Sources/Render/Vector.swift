/// Small vector helpers of the renderer and its users (Double precision, Blender's Z-up world).

@inlinable @inline(__always) public func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    a.x * b.x + a.y * b.y + a.z * b.z
}

@inlinable @inline(__always) public func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

@inlinable @inline(__always) public func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }

@inlinable @inline(__always) public func normalize(_ a: SIMD3<Double>) -> SIMD3<Double> { a / length(a) }

@inlinable @inline(__always) public func clamp01(_ x: Double) -> Double { min(max(x, 0), 1) }

@inlinable @inline(__always) public func smoothstep(_ edge0: Double, _ edge1: Double, _ x: Double) -> Double {
    let t = clamp01((x - edge0) / (edge1 - edge0))
    return t * t * (3 - 2 * t)
}

@inlinable @inline(__always) public func mix(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ t: Double) -> SIMD3<Double> {
    a + (b - a) * t
}

/// Rotates `v` by the unit quaternion `q` (x, y, z, w).
@inlinable @inline(__always) public func rotate(_ v: SIMD3<Double>, by q: SIMD4<Double>) -> SIMD3<Double> {
    let u = SIMD3(q.x, q.y, q.z)
    let t = 2 * cross(u, v)
    return v + q.w * t + cross(u, t)
}

/// Rotates `v` by the inverse of the unit quaternion `q`.
@inlinable @inline(__always) public func rotateInverse(_ v: SIMD3<Double>, by q: SIMD4<Double>) -> SIMD3<Double> {
    rotate(v, by: SIMD4(-q.x, -q.y, -q.z, q.w))
}

@inlinable @inline(__always) public func fifthPower(_ x: Double) -> Double {
    let x2 = x * x
    return x2 * x2 * x
}
