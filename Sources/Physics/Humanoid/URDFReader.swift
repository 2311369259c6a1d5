import Foundation
import LoomCore

/// Reads a URDF robot into a `Skeleton`: links with inertial and one primitive collision shape,
/// floating root, `spherical` / `revolute` / `fixed` joints. Fixed joints are folded away: the
/// lighter link's mass joins the heavier one, which keeps its name, frame and shape.
public enum URDFReader {
    /// Reads `url`, scaling every length by `scale` (pybullet's `globalScaling`).
    public static func read(_ url: URL, scale: Double = 1) throws -> Skeleton {
        guard var data = try? Data(contentsOf: url) else {
            throw LoomError.unreadable(path: url.path, reason: "the file cannot be read")
        }
        while data.last == 0 { data.removeLast() }  // pybullet's humanoid.urdf ends with a NUL byte
        let text = String(decoding: data, as: UTF8.self)
        do {
            return try build(MarkupElement.parse(text), scale: scale)
        } catch let error as URDFProblem {
            throw LoomError.config(file: url.path, key: "", line: nil, message: error.message)
        }
    }

    struct URDFProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    struct RawLink {
        var name: String
        var mass: Double
        var inertia: Vec3
        var centerOfMass: Vec3
        var shape: CollisionShape?
        var shapeOrigin: Vec3
        var shapeRotation: Quaternion
    }

    static func build(_ robot: MarkupElement, scale: Double) throws -> Skeleton {
        var raw: [String: RawLink] = [:]
        var order: [String] = []
        for link in robot.children where link.name == "link" {
            let name = try link.attribute("name")
            guard let inertial = link.child("inertial"), let massNode = inertial.child("mass"),
                  let inertiaNode = inertial.child("inertia") else {
                throw URDFProblem("link '\(name)' has no <inertial> with <mass> and <inertia>; every link needs them")
            }
            let com = try vector(inertial.child("origin")?.attributes["xyz"] ?? "0 0 0", what: "origin of link '\(name)'")
            var entry = RawLink(name: name, mass: try number(massNode.attribute("value"), what: "mass of link '\(name)'"),
                                inertia: [try number(inertiaNode.attribute("ixx"), what: "ixx"),
                                          try number(inertiaNode.attribute("iyy"), what: "iyy"),
                                          try number(inertiaNode.attribute("izz"), what: "izz")] * scale * scale,
                                centerOfMass: com * scale, shape: nil, shapeOrigin: .zero, shapeRotation: .identity)
            if let collision = link.child("collision"), let geometry = collision.child("geometry")?.children.first {
                entry.shape = try shape(geometry, scale: scale, link: name)
                entry.shapeOrigin = try vector(collision.child("origin")?.attributes["xyz"] ?? "0 0 0", what: "collision origin") * scale
                let rpy = try vector(collision.child("origin")?.attributes["rpy"] ?? "0 0 0", what: "collision rpy")
                entry.shapeRotation = Quaternion(euler: [rpy.z, rpy.y, rpy.x], axes: [2, 1, 0])
            }
            raw[name] = entry
            order.append(name)
        }
        struct RawJoint { let parent: String; let child: String; let kind: String; let offset: Vec3; let axis: Vec3; let limits: (Double, Double) }
        var joints: [String: RawJoint] = [:]
        for joint in robot.children where joint.name == "joint" {
            let name = try joint.attribute("name")
            let kind = try joint.attribute("type")
            guard ["fixed", "spherical", "revolute"].contains(kind) else {
                throw URDFProblem("joint '\(name)' has type '\(kind)'; only fixed, spherical and revolute joints are supported")
            }
            guard let parent = joint.child("parent")?.attributes["link"], let child = joint.child("child")?.attributes["link"],
                  raw[parent] != nil, raw[child] != nil else {
                throw URDFProblem("joint '\(name)' does not name an existing <parent link> and <child link>")
            }
            let origin = joint.child("origin")
            let rpy = try vector(origin?.attributes["rpy"] ?? "0 0 0", what: "rpy of joint '\(name)'")
            if rpy != .zero { throw URDFProblem("joint '\(name)' has a rotated origin (rpy \(rpy)); only unrotated joint frames are supported") }
            let limit = joint.child("limit")
            joints[child] = RawJoint(parent: parent, child: child, kind: kind,
                                     offset: try vector(origin?.attributes["xyz"] ?? "0 0 0", what: "xyz of joint '\(name)'") * scale,
                                     axis: try vector(joint.child("axis")?.attributes["xyz"] ?? "1 0 0", what: "axis of joint '\(name)'"),
                                     limits: (try number(limit?.attributes["lower"] ?? "-3.141592653589793", what: "lower limit"),
                                              try number(limit?.attributes["upper"] ?? "3.141592653589793", what: "upper limit")))
        }
        // Fold fixed joints: the lighter link joins the heavier.
        var alias: [String: String] = [:]
        func resolve(_ name: String) -> String { alias[name].map(resolve) ?? name }
        for name in order {
            guard let joint = joints[name], joint.kind == "fixed" else { continue }
            let parent = resolve(joint.parent)
            guard var p = raw[parent], let c = raw[name] else { continue }
            if c.mass > p.mass {
                guard joint.offset == .zero else {
                    throw URDFProblem("fixed joint to '\(name)' moves the heavier link's frame; only zero-offset folds are supported")
                }
                var merged = c
                merged.mass += p.mass
                raw[name] = merged
                raw[parent] = nil
                alias[parent] = name
                if let pj = joints[parent] { joints[name] = RawJoint(parent: pj.parent, child: name, kind: pj.kind, offset: pj.offset, axis: pj.axis, limits: pj.limits) } else { joints[name] = nil }
            } else {
                p.mass += c.mass
                raw[parent] = p
                raw[name] = nil
                alias[name] = parent
                joints[name] = nil
            }
        }
        var links: [SkeletonLink] = []
        var indexOf: [String: Int] = [:]
        var pending = order.filter { raw[$0] != nil }
        while !pending.isEmpty {
            let before = pending.count
            pending.removeAll { name in
                let joint = joints[name]
                let parentIndex = joint.flatMap { indexOf[resolve($0.parent)] }
                if joint != nil && parentIndex == nil { return false }
                let r = raw[name]!
                guard let shape = r.shape else { return false }
                let kind: JointKind
                switch joint?.kind {
                case nil: kind = .floating
                case "revolute"?:
                    let a = joint!.axis
                    kind = .revolute(axis: a / (a * a).sum().squareRoot(), lower: joint!.limits.0, upper: joint!.limits.1)
                default: kind = .spherical
                }
                indexOf[name] = links.count
                links.append(SkeletonLink(name: name, parent: parentIndex, joint: kind, jointOffset: joint?.offset ?? .zero,
                                          mass: r.mass, inertia: r.inertia, centerOfMass: r.centerOfMass, shape: shape,
                                          shapeOrigin: r.shapeOrigin, shapeRotation: r.shapeRotation))
                return true
            }
            if pending.count == before {
                throw URDFProblem("links \(pending.joined(separator: ", ")) have no collision shape or are not connected to the root")
            }
        }
        guard links.filter({ $0.parent == nil }).count == 1 else { throw URDFProblem("the robot must have exactly one root link") }
        return Skeleton(links: links)
    }

    static func shape(_ geometry: MarkupElement, scale: Double, link: String) throws -> CollisionShape {
        switch geometry.name {
        case "sphere": return .sphere(radius: try number(geometry.attribute("radius"), what: "sphere radius") * scale)
        case "capsule":
            return .capsule(radius: try number(geometry.attribute("radius"), what: "capsule radius") * scale,
                            length: try number(geometry.attribute("length"), what: "capsule length") * scale)
        case "box": return .box(halfExtents: try vector(geometry.attribute("size"), what: "box size") * (scale / 2))
        default: throw URDFProblem("link '\(link)' has a <\(geometry.name)> collision; only sphere, capsule and box are supported")
        }
    }

    static func number(_ text: String, what: String) throws -> Double {
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw URDFProblem("\(what) is '\(text)', not a finite number")
        }
        return v
    }

    static func vector(_ text: String, what: String) throws -> Vec3 {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 3 else { throw URDFProblem("\(what) is '\(text)'; expected three numbers") }
        return [try number(String(parts[0]), what: what), try number(String(parts[1]), what: what), try number(String(parts[2]), what: what)]
    }
}
