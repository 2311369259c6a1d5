/// Small vector helpers used by the renderer (Double precision, Blender's Z-up world).

@inline(__always) func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    a.x * b.x + a.y * b.y + a.z * b.z
}

@inline(__always) func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

@inline(__always) func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }

@inline(__always) func normalize(_ a: SIMD3<Double>) -> SIMD3<Double> { a / length(a) }

@inline(__always) func clamp01(_ x: Double) -> Double { min(max(x, 0), 1) }

@inline(__always) func smoothstep(_ edge0: Double, _ edge1: Double, _ x: Double) -> Double {
    let t = clamp01((x - edge0) / (edge1 - edge0))
    return t * t * (3 - 2 * t)
}

@inline(__always) func mix(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ t: Double) -> SIMD3<Double> {
    a + (b - a) * t
}

/// Rotates `v` by the unit quaternion `q` (x, y, z, w).
@inline(__always) func rotate(_ v: SIMD3<Double>, by q: SIMD4<Double>) -> SIMD3<Double> {
    let u = SIMD3(q.x, q.y, q.z)
    let t = 2 * cross(u, v)
    return v + q.w * t + cross(u, t)
}

/// Rotates `v` by the inverse of the unit quaternion `q`.
@inline(__always) func rotateInverse(_ v: SIMD3<Double>, by q: SIMD4<Double>) -> SIMD3<Double> {
    rotate(v, by: SIMD4(-q.x, -q.y, -q.z, q.w))
}

@inline(__always) func fifthPower(_ x: Double) -> Double {
    let x2 = x * x
    return x2 * x2 * x
}
