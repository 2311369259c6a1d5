#include "MultiBody.h"
#include <btBulletDynamicsCommon.h>
#include <BulletDynamics/Featherstone/btMultiBody.h>
#include <BulletDynamics/Featherstone/btMultiBodyConstraintSolver.h>
#include <BulletDynamics/Featherstone/btMultiBodyDynamicsWorld.h>
#include <BulletDynamics/Featherstone/btMultiBodyJointLimitConstraint.h>
#include <BulletDynamics/Featherstone/btMultiBodyJointMotor.h>
#include <BulletDynamics/Featherstone/btMultiBodyLinkCollider.h>
#include <BulletDynamics/Featherstone/btMultiBodySphericalJointMotor.h>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

/* Collision groups: the ground collides with links; links with the ground and, for bodies with
   self-collision, with each other (Bullet skips parent-child pairs itself). */
static const int kGroundGroup = 1, kLinkGroup = 2;

/* One articulated body and everything the world keeps for it. */
struct cb_mb_slot {
    std::unique_ptr<btMultiBody> body;
    int links = 0;
    std::vector<bool> defined;             // link set up yet (spherical or revolute)
    std::vector<bool> spherical;
    std::vector<double> lower, upper;      // revolute limits (lower > upper: none)
    std::vector<int> position_offset, velocity_offset;
    int position_count = 0, velocity_count = 0;
    std::vector<btCollisionShape *> shapes;  // per link + 1 (base first); owned by the world
    std::vector<double> friction;
    std::vector<std::unique_ptr<btMultiBodyLinkCollider>> colliders;
    std::vector<std::unique_ptr<btMultiBodyConstraint>> constraints;  // limits, then motors
    std::vector<btMultiBodySphericalJointMotor *> ball_motors;         // per link, or null
    std::vector<btMultiBodyJointMotor *> hinge_motors;                 // per link, or null
    int collision_mask = kGroundGroup;
    bool finalized = false;
};

struct cb_mb_ground {
    std::unique_ptr<btRigidBody> body;
};

struct cb_mb_world {
    btDefaultCollisionConfiguration configuration;
    btCollisionDispatcher dispatcher{&configuration};
    btDbvtBroadphase broadphase;
    btMultiBodyConstraintSolver solver;
    btMultiBodyDynamicsWorld world{&dispatcher, &broadphase, &solver, &configuration};
    double fixed_dt = 0;
    std::string error;
    std::vector<std::unique_ptr<btCollisionShape>> shapes;
    std::vector<cb_mb_ground> grounds;
    std::vector<cb_mb_slot> bodies;
};

static int fail(const cb_mb_world *w, int code, const std::string &message) {
    const_cast<cb_mb_world *>(w)->error = message;
    return code;
}

static bool finite3(const double v[3]) { return std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]); }
static btVector3 vec(const double v[3]) { return btVector3((btScalar)v[0], (btScalar)v[1], (btScalar)v[2]); }
static void put(const btVector3 &v, double out[3]) { out[0] = v.x(); out[1] = v.y(); out[2] = v.z(); }

/* The body `b`, or null with the reason recorded. */
static cb_mb_slot *slot(const cb_mb_world *w, cb_mb_body b, const char *call) {
    if (!w) return nullptr;
    if (b < 0 || b >= (int)w->bodies.size()) {
        fail(w, CB_MB_BAD_HANDLE, std::string(call) + ": no body with handle " + std::to_string(b) + " (the world has " +
                                      std::to_string(w->bodies.size()) + ")");
        return nullptr;
    }
    return const_cast<cb_mb_slot *>(&w->bodies[b]);
}

static int check_link_setup(cb_mb_world *w, cb_mb_slot *s, int link, int parent, double mass, const double inertia[3],
                            const char *call) {
    if (s->finalized) return fail(w, CB_MB_WRONG_ORDER, std::string(call) + ": the body is already finalized");
    if (link < 0 || link >= s->links)
        return fail(w, CB_MB_BAD_ARGUMENT, std::string(call) + ": link " + std::to_string(link) + " is not in 0..<" + std::to_string(s->links));
    if (parent < -1 || parent >= link)
        return fail(w, CB_MB_BAD_ARGUMENT, std::string(call) + ": link " + std::to_string(link) + " has parent " + std::to_string(parent) +
                                               "; a parent comes before its child (-1 is the base)");
    if (parent >= 0 && !s->defined[parent])
        return fail(w, CB_MB_WRONG_ORDER, std::string(call) + ": parent link " + std::to_string(parent) + " is not set up yet");
    if (!(mass > 0) || !finite3(inertia) || inertia[0] < 0 || inertia[1] < 0 || inertia[2] < 0)
        return fail(w, CB_MB_BAD_ARGUMENT, std::string(call) + ": link " + std::to_string(link) + " needs a positive mass and finite, non-negative inertia");
    if (s->defined[link]) return fail(w, CB_MB_WRONG_ORDER, std::string(call) + ": link " + std::to_string(link) + " is already set up");
    return CB_MB_OK;
}

/* Takes the body out of the world or puts it back: multibody, colliders, constraints. */
static void detach(cb_mb_world *w, cb_mb_slot &s) {
    for (auto &c : s.constraints) w->world.removeMultiBodyConstraint(c.get());
    for (auto &c : s.colliders) if (c) w->world.removeCollisionObject(c.get());
    w->world.removeMultiBody(s.body.get());
}

static void attach(cb_mb_world *w, cb_mb_slot &s) {
    w->world.addMultiBody(s.body.get());
    for (auto &c : s.colliders) if (c) w->world.addCollisionObject(c.get(), kLinkGroup, s.collision_mask);
    for (auto &c : s.constraints) w->world.addMultiBodyConstraint(c.get());
}

/* Brings the world back to how a freshly built one starts: no contact pairs or cached impulses, the
   broadphase's counters reset, and every object back in its original order. */
static void restart(cb_mb_world *w) {
    for (auto &s : w->bodies) if (s.finalized) detach(w, s);
    for (auto &g : w->grounds) w->world.removeRigidBody(g.body.get());
    w->broadphase.resetPool(&w->dispatcher);
    w->solver.reset();
    for (auto &g : w->grounds) w->world.addRigidBody(g.body.get(), kGroundGroup, kLinkGroup);
    for (auto &s : w->bodies) if (s.finalized) attach(w, s);
}

static void update_transforms(btMultiBody *mb) {
    btAlignedObjectArray<btQuaternion> world_to_local;
    btAlignedObjectArray<btVector3> local_origin;
    mb->forwardKinematics(world_to_local, local_origin);
    mb->updateCollisionObjectWorldTransforms(world_to_local, local_origin);
}

/* A primitive shape, or it wrapped in a compound when it is not at the link's centre unturned. */
static btCollisionShape *make_shape(cb_mb_world *w, int kind, const double size[3], const double origin[3], const double rotation[4],
                                    double box_margin) {
    btQuaternion q((btScalar)rotation[0], (btScalar)rotation[1], (btScalar)rotation[2], (btScalar)rotation[3]);
    q.normalize();
    btVector3 o = vec(origin);
    bool centred = o.length2() < 1e-16;
    btCollisionShape *shape = nullptr;
    bool turned = std::fabs(std::fabs(q.w()) - 1) > 1e-9;
    if (kind == CB_MB_CAPSULE_Z) {
        // A capsule only needs its axis: pick Bullet's capsule along that axis when it is a coordinate axis.
        btVector3 axis = quatRotate(q, btVector3(0, 0, 1));
        int major = axis.closestAxis();
        if (std::fabs(std::fabs(axis[major]) - 1) < 1e-6) {
            btScalar r = (btScalar)size[0], h = (btScalar)size[1];
            shape = major == 0 ? (btCollisionShape *)new btCapsuleShapeX(r, h)
                  : major == 1 ? (btCollisionShape *)new btCapsuleShape(r, h) : (btCollisionShape *)new btCapsuleShapeZ(r, h);
            turned = false;
        } else {
            shape = new btCapsuleShapeZ((btScalar)size[0], (btScalar)size[1]);
        }
    } else if (kind == CB_MB_SPHERE) {
        shape = new btSphereShape((btScalar)size[0]);
        turned = false;
    } else {
        shape = new btBoxShape(vec(size));
        shape->setMargin((btScalar)box_margin);
    }
    w->shapes.emplace_back(shape);
    if (centred && !turned) return shape;
    auto *compound = new btCompoundShape(false, 1);
    w->shapes.emplace_back(compound);
    compound->addChildShape(btTransform(q, o), shape);
    return compound;
}

extern "C" {

cb_mb_world *cb_mb_world_create(double gx, double gy, double gz, double fixed_dt, int iterations) {
    if (!(fixed_dt > 0) || !std::isfinite(fixed_dt) || iterations < 1) return nullptr;
    try {
        cb_mb_world *w = new cb_mb_world();
        w->fixed_dt = fixed_dt;
        w->world.setGravity(btVector3((btScalar)gx, (btScalar)gy, (btScalar)gz));
        w->world.getSolverInfo().m_numIterations = iterations;
        w->world.getDispatchInfo().m_deterministicOverlappingPairs = true;
        return w;
    } catch (...) {
        return nullptr;
    }
}

void cb_mb_world_destroy(cb_mb_world *w) {
    if (!w) return;
    for (auto &s : w->bodies) if (s.finalized) detach(w, s);
    for (auto &g : w->grounds) w->world.removeRigidBody(g.body.get());
    delete w;
}

const char *cb_mb_world_error(const cb_mb_world *w) { return w ? w->error.c_str() : "no world"; }

double cb_mb_world_fixed_step(const cb_mb_world *w) { return w ? w->fixed_dt : 0; }

int cb_mb_world_add_ground(cb_mb_world *w, double nx, double ny, double nz, double offset, double friction) {
    btVector3 n((btScalar)nx, (btScalar)ny, (btScalar)nz);
    if (!(n.length() > 0) || !std::isfinite(offset) || !(friction >= 0))
        return fail(w, CB_MB_BAD_ARGUMENT, "ground: needs a non-zero normal, a finite offset and a non-negative friction");
    try {
        auto *shape = new btStaticPlaneShape(n.normalized(), (btScalar)offset);
        w->shapes.emplace_back(shape);
        btRigidBody::btRigidBodyConstructionInfo info(0, nullptr, shape);
        cb_mb_ground g;
        g.body.reset(new btRigidBody(info));
        g.body->setFriction((btScalar)friction);
        w->world.addRigidBody(g.body.get(), kGroundGroup, kLinkGroup);
        w->grounds.push_back(std::move(g));
        return CB_MB_OK;
    } catch (...) {
        return fail(w, CB_MB_FAILED, "ground: Bullet could not create the plane");
    }
}

int cb_mb_world_step(cb_mb_world *w, int steps) {
    if (steps < 0) return fail(w, CB_MB_BAD_ARGUMENT, "step: a negative number of steps");
    for (int i = 0; i < steps; i++) {
        // maxSubSteps 0: exactly one step of fixed_dt; Bullet clears the forces after it.
        w->world.stepSimulation((btScalar)w->fixed_dt, 0, (btScalar)w->fixed_dt);
    }
    return CB_MB_OK;
}

cb_mb_body cb_mb_body_create(cb_mb_world *w, int links, double base_mass, const double inertia[3]) {
    if (links < 0 || !(base_mass > 0) || !finite3(inertia))
        return fail(w, CB_MB_BAD_ARGUMENT, "body: needs 0 or more links, a positive base mass and finite inertia");
    try {
        cb_mb_slot s;
        s.body.reset(new btMultiBody(links, (btScalar)base_mass, vec(inertia), false, false));
        s.links = links;
        s.defined.assign(links, false);
        s.spherical.assign(links, false);
        s.lower.assign(links, 1);
        s.upper.assign(links, 0);
        s.position_offset.assign(links, 0);
        s.velocity_offset.assign(links, 0);
        s.shapes.assign(links + 1, nullptr);
        s.friction.assign(links + 1, 0);
        s.ball_motors.assign(links, nullptr);
        s.hinge_motors.assign(links, nullptr);
        w->bodies.push_back(std::move(s));
        return (cb_mb_body)w->bodies.size() - 1;
    } catch (...) {
        return fail(w, CB_MB_FAILED, "body: Bullet could not create the multibody");
    }
}

int cb_mb_link_spherical(cb_mb_world *w, cb_mb_body b, int link, int parent, double mass, const double inertia[3],
                         const double parent_com_to_pivot[3], const double pivot_to_com[3]) {
    cb_mb_slot *s = slot(w, b, "spherical link");
    if (!s) return CB_MB_BAD_HANDLE;
    if (int rc = check_link_setup(w, s, link, parent, mass, inertia, "spherical link")) return rc;
    s->body->setupSpherical(link, (btScalar)mass, vec(inertia), parent, btQuaternion::getIdentity(),
                            vec(parent_com_to_pivot), vec(pivot_to_com), true);
    s->defined[link] = true;
    s->spherical[link] = true;
    return CB_MB_OK;
}

int cb_mb_link_revolute(cb_mb_world *w, cb_mb_body b, int link, int parent, double mass, const double inertia[3],
                        const double axis[3], const double parent_com_to_pivot[3], const double pivot_to_com[3],
                        double lower, double upper) {
    cb_mb_slot *s = slot(w, b, "revolute link");
    if (!s) return CB_MB_BAD_HANDLE;
    if (int rc = check_link_setup(w, s, link, parent, mass, inertia, "revolute link")) return rc;
    btVector3 a = vec(axis);
    if (!finite3(axis) || a.length() < 1e-9) return fail(w, CB_MB_BAD_ARGUMENT, "revolute link: the axis must be a finite, non-zero vector");
    s->body->setupRevolute(link, (btScalar)mass, vec(inertia), parent, btQuaternion::getIdentity(), a.normalized(),
                           vec(parent_com_to_pivot), vec(pivot_to_com), true);
    s->defined[link] = true;
    s->lower[link] = lower;
    s->upper[link] = upper;
    return CB_MB_OK;
}

int cb_mb_collider(cb_mb_world *w, cb_mb_body b, int link, int kind, const double size[3],
                   const double origin[3], const double rotation[4], double friction, double box_margin) {
    cb_mb_slot *s = slot(w, b, "collider");
    if (!s) return CB_MB_BAD_HANDLE;
    if (s->finalized) return fail(w, CB_MB_WRONG_ORDER, "collider: the body is already finalized");
    if (link < -1 || link >= s->links) return fail(w, CB_MB_BAD_ARGUMENT, "collider: link " + std::to_string(link) + " is not the base (-1) or a link");
    if (kind < CB_MB_SPHERE || kind > CB_MB_BOX) return fail(w, CB_MB_BAD_ARGUMENT, "collider: unknown shape kind " + std::to_string(kind));
    int needed = kind == CB_MB_SPHERE ? 1 : kind == CB_MB_CAPSULE_Z ? 2 : 3;
    for (int i = 0; i < needed; i++)
        if (!(size[i] > 0) || !std::isfinite(size[i])) return fail(w, CB_MB_BAD_ARGUMENT, "collider: sizes must be positive and finite");
    if (!finite3(origin) || !(friction >= 0)) return fail(w, CB_MB_BAD_ARGUMENT, "collider: needs a finite origin and a non-negative friction");
    if (kind == CB_MB_BOX && !(box_margin >= 0 && box_margin <= std::fmin(size[0], std::fmin(size[1], size[2]))))
        return fail(w, CB_MB_BAD_ARGUMENT, "collider: a box's margin must be 0 or more and within its half extents");
    if (s->shapes[link + 1]) return fail(w, CB_MB_WRONG_ORDER, "collider: link " + std::to_string(link) + " already has one");
    try {
        s->shapes[link + 1] = make_shape(w, kind, size, origin, rotation, box_margin);
        s->friction[link + 1] = friction;
        return CB_MB_OK;
    } catch (...) {
        return fail(w, CB_MB_FAILED, "collider: Bullet could not create the shape");
    }
}

int cb_mb_body_finalize(cb_mb_world *w, cb_mb_body b, int self_collision, int inertia_from_shapes) {
    cb_mb_slot *s = slot(w, b, "finalize");
    if (!s) return CB_MB_BAD_HANDLE;
    if (s->finalized) return fail(w, CB_MB_WRONG_ORDER, "finalize: the body is already finalized");
    for (int i = 0; i < s->links; i++)
        if (!s->defined[i]) return fail(w, CB_MB_WRONG_ORDER, "finalize: link " + std::to_string(i) + " is not set up");
    try {
        btMultiBody *mb = s->body.get();
        if (inertia_from_shapes) {
            for (int k = -1; k < s->links; k++) {
                btCollisionShape *shape = s->shapes[k + 1];
                if (!shape) return fail(w, CB_MB_WRONG_ORDER, "finalize: inertia from shapes needs a collider on every link");
                btVector3 inertia;
                shape->calculateLocalInertia(k < 0 ? mb->getBaseMass() : mb->getLink(k).m_mass, inertia);
                if (k < 0) mb->setBaseInertia(inertia); else mb->getLink(k).m_inertiaLocal = inertia;
            }
        }
        mb->finalizeMultiDof();
        mb->setLinearDamping(0);
        mb->setAngularDamping(0);
        mb->setCanSleep(false);
        mb->setHasSelfCollision(self_collision != 0);
        s->collision_mask = kGroundGroup | (self_collision ? kLinkGroup : 0);
        int p = 0, v = 0;
        for (int i = 0; i < s->links; i++) {
            s->position_offset[i] = p;
            s->velocity_offset[i] = v;
            p += s->spherical[i] ? 4 : 1;
            v += s->spherical[i] ? 3 : 1;
        }
        s->position_count = p;
        s->velocity_count = v;
        s->colliders.resize(s->links + 1);
        for (int k = -1; k < s->links; k++) {
            btCollisionShape *shape = s->shapes[k + 1];
            if (!shape) continue;
            auto *c = new btMultiBodyLinkCollider(mb, k);
            s->colliders[k + 1].reset(c);
            c->setCollisionShape(shape);
            c->setFriction((btScalar)s->friction[k + 1]);
            if (k < 0) mb->setBaseCollider(c); else mb->getLink(k).m_collider = c;
        }
        for (int i = 0; i < s->links; i++) {
            if (s->spherical[i] || s->lower[i] > s->upper[i]) continue;
            s->constraints.emplace_back(new btMultiBodyJointLimitConstraint(mb, i, (btScalar)s->lower[i], (btScalar)s->upper[i]));
        }
        s->finalized = true;
        attach(w, *s);
        update_transforms(mb);
        return CB_MB_OK;
    } catch (...) {
        return fail(w, CB_MB_FAILED, "finalize: Bullet could not build the body");
    }
}

int cb_mb_body_add_motors(cb_mb_world *w, cb_mb_body b, const double *max_torque) {
    cb_mb_slot *s = slot(w, b, "motors");
    if (!s) return CB_MB_BAD_HANDLE;
    if (!s->finalized) return fail(w, CB_MB_WRONG_ORDER, "motors: finalize the body first");
    for (int i = 0; i < s->links; i++) {
        if (s->ball_motors[i] || s->hinge_motors[i]) return fail(w, CB_MB_WRONG_ORDER, "motors: the body already has motors");
        if (!(max_torque[i] >= 0) || !std::isfinite(max_torque[i]))
            return fail(w, CB_MB_BAD_ARGUMENT, "motors: the torque cap of link " + std::to_string(i) + " must be finite and non-negative");
    }
    try {
        for (int i = 0; i < s->links; i++) {
            btScalar impulse = (btScalar)(max_torque[i] * w->fixed_dt);
            btMultiBodyConstraint *c;
            if (s->spherical[i]) c = s->ball_motors[i] = new btMultiBodySphericalJointMotor(s->body.get(), i, impulse);
            else c = s->hinge_motors[i] = new btMultiBodyJointMotor(s->body.get(), i, 0, impulse);
            s->constraints.emplace_back(c);
            w->world.addMultiBodyConstraint(c);
        }
        return CB_MB_OK;
    } catch (...) {
        return fail(w, CB_MB_FAILED, "motors: Bullet could not create them");
    }
}

int cb_mb_body_set_motor_targets(cb_mb_world *w, cb_mb_body b, const double *positions, const double *velocities,
                                 double kp, double kd) {
    cb_mb_slot *s = slot(w, b, "motor targets");
    if (!s) return CB_MB_BAD_HANDLE;
    if (s->links > 0 && !s->ball_motors[0] && !s->hinge_motors[0]) return fail(w, CB_MB_WRONG_ORDER, "motor targets: the body has no motors");
    if (!(kp >= 0 && kp <= 1) || !(kd >= 0 && kd <= 1)) return fail(w, CB_MB_BAD_ARGUMENT, "motor targets: kp and kd must be in [0, 1]");
    for (int i = 0; i < s->links; i++) {
        const double *q = positions + s->position_offset[i], *v = velocities + s->velocity_offset[i];
        if (s->spherical[i]) {
            btQuaternion target((btScalar)q[0], (btScalar)q[1], (btScalar)q[2], (btScalar)q[3]);
            if (!(target.length2() > 0)) return fail(w, CB_MB_BAD_ARGUMENT, "motor targets: link " + std::to_string(i) + " has a zero quaternion");
            s->ball_motors[i]->setPositionTarget(target.normalized(), (btScalar)kp);
            s->ball_motors[i]->setVelocityTarget(vec(v), (btScalar)kd);
        } else {
            s->hinge_motors[i]->setPositionTarget((btScalar)q[0], (btScalar)kp);
            s->hinge_motors[i]->setVelocityTarget((btScalar)v[0], (btScalar)kd);
        }
    }
    return CB_MB_OK;
}

int cb_mb_body_set_state(cb_mb_world *w, cb_mb_body b, const double base_position[3], const double base_rotation[4],
                         const double base_velocity[3], const double base_omega[3],
                         const double *positions, const double *velocities) {
    cb_mb_slot *s = slot(w, b, "set state");
    if (!s) return CB_MB_BAD_HANDLE;
    if (!s->finalized) return fail(w, CB_MB_WRONG_ORDER, "set state: finalize the body first");
    for (int i = 0; i < s->position_count; i++)
        if (!std::isfinite(positions[i])) return fail(w, CB_MB_BAD_ARGUMENT, "set state: a joint position is not finite");
    for (int i = 0; i < s->velocity_count; i++)
        if (!std::isfinite(velocities[i])) return fail(w, CB_MB_BAD_ARGUMENT, "set state: a joint velocity is not finite");
    btQuaternion r((btScalar)base_rotation[0], (btScalar)base_rotation[1], (btScalar)base_rotation[2], (btScalar)base_rotation[3]);
    if (!finite3(base_position) || !finite3(base_velocity) || !finite3(base_omega) || !(r.length2() > 0) || !std::isfinite(r.w()))
        return fail(w, CB_MB_BAD_ARGUMENT, "set state: the base state is not finite (or its quaternion is zero)");
    restart(w);
    btMultiBody *mb = s->body.get();
    mb->setBasePos(vec(base_position));
    mb->setWorldToBaseRot(r.normalized().inverse());
    mb->setBaseVel(vec(base_velocity));
    mb->setBaseOmega(vec(base_omega));
    for (int i = 0; i < s->links; i++) {
        const double *q = positions + s->position_offset[i];
        if (s->spherical[i]) {
            btQuaternion j((btScalar)q[0], (btScalar)q[1], (btScalar)q[2], (btScalar)q[3]);
            if (!(j.length2() > 0)) return fail(w, CB_MB_BAD_ARGUMENT, "set state: link " + std::to_string(i) + " has a zero quaternion");
            j.normalize();
            double jq[4] = {j.x(), j.y(), j.z(), j.w()};
            mb->setJointPosMultiDof(i, jq);
        } else {
            mb->setJointPos(i, (btScalar)q[0]);
        }
        mb->setJointVelMultiDof(i, velocities + s->velocity_offset[i]);
    }
    mb->clearForcesAndTorques();
    update_transforms(mb);
    return CB_MB_OK;
}

int cb_mb_body_state(const cb_mb_world *w, cb_mb_body b, double base_position[3], double base_rotation[4],
                     double base_velocity[3], double base_omega[3], double *positions, double *velocities) {
    cb_mb_slot *s = slot(w, b, "state");
    if (!s) return CB_MB_BAD_HANDLE;
    if (!s->finalized) return fail(w, CB_MB_WRONG_ORDER, "state: finalize the body first");
    const btMultiBody *mb = s->body.get();
    if (base_position) put(mb->getBasePos(), base_position);
    if (base_rotation) {
        btQuaternion r = mb->getWorldToBaseRot().inverse();
        base_rotation[0] = r.x(); base_rotation[1] = r.y(); base_rotation[2] = r.z(); base_rotation[3] = r.w();
    }
    if (base_velocity) put(mb->getBaseVel(), base_velocity);
    if (base_omega) put(mb->getBaseOmega(), base_omega);
    for (int i = 0; i < s->links; i++) {
        int np = s->spherical[i] ? 4 : 1, nv = s->spherical[i] ? 3 : 1;
        const btScalar *q = mb->getJointPosMultiDof(i), *v = mb->getJointVelMultiDof(i);
        if (positions) for (int k = 0; k < np; k++) positions[s->position_offset[i] + k] = q[k];
        if (velocities) for (int k = 0; k < nv; k++) velocities[s->velocity_offset[i] + k] = v[k];
    }
    return CB_MB_OK;
}

int cb_mb_body_add_base_wrench(cb_mb_world *w, cb_mb_body b, const double force[3], const double torque[3]) {
    cb_mb_slot *s = slot(w, b, "base wrench");
    if (!s) return CB_MB_BAD_HANDLE;
    if (!finite3(force) || !finite3(torque)) return fail(w, CB_MB_BAD_ARGUMENT, "base wrench: the force and torque must be finite");
    s->body->addBaseForce(vec(force));
    s->body->addBaseTorque(vec(torque));
    return CB_MB_OK;
}

int cb_mb_body_position_count(const cb_mb_world *w, cb_mb_body b) {
    cb_mb_slot *s = slot(w, b, "position count");
    if (!s) return CB_MB_BAD_HANDLE;
    if (!s->finalized) return fail(w, CB_MB_WRONG_ORDER, "position count: finalize the body first");
    return s->position_count;
}

int cb_mb_body_velocity_count(const cb_mb_world *w, cb_mb_body b) {
    cb_mb_slot *s = slot(w, b, "velocity count");
    if (!s) return CB_MB_BAD_HANDLE;
    if (!s->finalized) return fail(w, CB_MB_WRONG_ORDER, "velocity count: finalize the body first");
    return s->velocity_count;
}

int cb_mb_body_link_positions(const cb_mb_world *w, cb_mb_body b, double *out) {
    cb_mb_slot *s = slot(w, b, "link positions");
    if (!s) return CB_MB_BAD_HANDLE;
    const btMultiBody *mb = s->body.get();
    put(mb->getBasePos(), out);
    for (int i = 0; i < s->links; i++) put(mb->localPosToWorld(i, btVector3(0, 0, 0)), out + 3 * (i + 1));
    return CB_MB_OK;
}

}
