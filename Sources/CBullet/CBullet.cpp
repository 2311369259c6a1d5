#include "CBullet.h"
#include <btBulletDynamicsCommon.h>
#include <memory>
#include <new>
#include <vector>

/* One body: Bullet's object plus what the C API keeps beside it. */
struct cb_slot {
    std::unique_ptr<btCollisionShape> shape;
    std::unique_ptr<btDefaultMotionState> motion;
    std::unique_ptr<btRigidBody> body;
    btScalar dynamic_mass;   // the mass the body has whenever it is dynamic
    btVector3 held_force;    // applied on every substep of the next cb_world_step_substeps
};

struct cb_world {
    btDefaultCollisionConfiguration configuration;
    btCollisionDispatcher dispatcher{&configuration};
    btDbvtBroadphase broadphase;
    btSequentialImpulseConstraintSolver solver;
    btDiscreteDynamicsWorld world{&dispatcher, &broadphase, &solver, &configuration};
    std::vector<cb_slot> slots;
};

static cb_slot *slot(cb_world *w, cb_body b) {
    return (b >= 0 && b < (int)w->slots.size()) ? &w->slots[b] : nullptr;
}

static btRigidBody *body(const cb_world *w, cb_body b) {
    return (b >= 0 && b < (int)w->slots.size()) ? w->slots[b].body.get() : nullptr;
}

static cb_body add_body(cb_world *w, btCollisionShape *shape, double mass, const btVector3 &origin) {
    try {
        cb_slot s;
        s.shape.reset(shape);
        btVector3 inertia(0, 0, 0);
        if (mass > 0) shape->calculateLocalInertia((btScalar)mass, inertia);
        btTransform start;
        start.setIdentity();
        start.setOrigin(origin);
        s.motion.reset(new btDefaultMotionState(start));
        btRigidBody::btRigidBodyConstructionInfo info((btScalar)mass, s.motion.get(), shape, inertia);
        s.body.reset(new btRigidBody(info));
        s.dynamic_mass = (btScalar)mass;
        s.held_force = btVector3(0, 0, 0);
        w->slots.push_back(std::move(s));
        w->world.addRigidBody(w->slots.back().body.get());
        return (cb_body)w->slots.size() - 1;
    } catch (...) {
        return -1;
    }
}

/* Gives a body its mass and inertia: mass 0 makes it static (or kinematic, with the flag). */
static void set_mass_props(btRigidBody *r, btScalar mass) {
    btVector3 inertia(0, 0, 0);
    if (mass > 0) r->getCollisionShape()->calculateLocalInertia(mass, inertia);
    r->setMassProps(mass, inertia);
    r->updateInertiaTensor();
}

extern "C" {

cb_world *cb_world_create(double gx, double gy, double gz) {
    try {
        cb_world *w = new cb_world();
        w->world.setGravity(btVector3((btScalar)gx, (btScalar)gy, (btScalar)gz));
        return w;
    } catch (...) {
        return nullptr;
    }
}

void cb_world_destroy(cb_world *w) {
    if (!w) return;
    for (auto &s : w->slots) w->world.removeRigidBody(s.body.get());
    delete w;
}

void cb_world_set_solver_iterations(cb_world *w, int iterations) {
    w->world.getSolverInfo().m_numIterations = iterations;
}

void cb_world_configure_contacts(cb_world *w, int split_impulse, double restitution_velocity_threshold,
                                 double warmstarting_factor, int deterministic_pairs) {
    btContactSolverInfo &info = w->world.getSolverInfo();
    info.m_splitImpulse = split_impulse ? 1 : 0;
    info.m_restitutionVelocityThreshold = (btScalar)restitution_velocity_threshold;
    info.m_warmstartingFactor = (btScalar)warmstarting_factor;
    if (warmstarting_factor == 0) info.m_solverMode &= ~SOLVER_USE_WARMSTARTING;
    else info.m_solverMode |= SOLVER_USE_WARMSTARTING;
    w->world.getDispatchInfo().m_deterministicOverlappingPairs = deterministic_pairs != 0;
}

void cb_world_step(cb_world *w, double dt, int max_substeps, double fixed_dt) {
    w->world.stepSimulation((btScalar)dt, max_substeps, (btScalar)fixed_dt);
}

void cb_world_step_substeps(cb_world *w, int substeps, double fixed_dt) {
    for (int i = 0; i < substeps; i++) {
        for (auto &s : w->slots) {
            if (!s.held_force.isZero()) s.body->applyCentralForce(s.held_force);
        }
        // maxSubSteps 0: exactly one step of fixed_dt; Bullet clears the forces after it.
        w->world.stepSimulation((btScalar)fixed_dt, 0, (btScalar)fixed_dt);
    }
    for (auto &s : w->slots) s.held_force.setZero();
}

int cb_world_body_count(const cb_world *w) { return (int)w->slots.size(); }

cb_body cb_add_plane(cb_world *w, double nx, double ny, double nz, double offset) {
    btStaticPlaneShape *shape;
    try { shape = new btStaticPlaneShape(btVector3((btScalar)nx, (btScalar)ny, (btScalar)nz), (btScalar)offset); }
    catch (...) { return -1; }
    return add_body(w, shape, 0, btVector3(0, 0, 0));
}

cb_body cb_add_sphere(cb_world *w, double radius, double mass, double x, double y, double z) {
    btSphereShape *shape;
    try { shape = new btSphereShape((btScalar)radius); } catch (...) { return -1; }
    return add_body(w, shape, mass, btVector3((btScalar)x, (btScalar)y, (btScalar)z));
}

cb_body cb_add_box(cb_world *w, double hx, double hy, double hz, double mass, double x, double y, double z) {
    btBoxShape *shape;
    try { shape = new btBoxShape(btVector3((btScalar)hx, (btScalar)hy, (btScalar)hz)); } catch (...) { return -1; }
    return add_body(w, shape, mass, btVector3((btScalar)x, (btScalar)y, (btScalar)z));
}

void cb_body_set_friction(cb_world *w, cb_body b, double f) { if (auto r = body(w, b)) r->setFriction((btScalar)f); }
void cb_body_set_rolling_friction(cb_world *w, cb_body b, double f) { if (auto r = body(w, b)) r->setRollingFriction((btScalar)f); }
void cb_body_set_restitution(cb_world *w, cb_body b, double e) { if (auto r = body(w, b)) r->setRestitution((btScalar)e); }
void cb_body_set_damping(cb_world *w, cb_body b, double lin, double ang) { if (auto r = body(w, b)) r->setDamping((btScalar)lin, (btScalar)ang); }
void cb_body_set_margin(cb_world *w, cb_body b, double m) { if (auto r = body(w, b)) r->getCollisionShape()->setMargin((btScalar)m); }

void cb_body_set_kinematic(cb_world *w, cb_body b, int kinematic) {
    cb_slot *s = slot(w, b);
    if (!s) return;
    btRigidBody *r = s->body.get();
    bool is_kinematic = r->isKinematicObject();
    if ((kinematic != 0) == is_kinematic) return;
    // The broadphase filter group depends on the body type, so it leaves the world and comes back.
    w->world.removeRigidBody(r);
    int flags = r->getCollisionFlags();
    if (kinematic) {
        set_mass_props(r, 0);
        r->setCollisionFlags(flags | btCollisionObject::CF_KINEMATIC_OBJECT);
        r->getMotionState()->setWorldTransform(r->getWorldTransform());
        r->setActivationState(DISABLE_DEACTIVATION);
    } else {
        r->setCollisionFlags(flags & ~btCollisionObject::CF_KINEMATIC_OBJECT);
        set_mass_props(r, s->dynamic_mass);
        r->setInterpolationWorldTransform(r->getWorldTransform());
        r->activate(true);
    }
    r->setLinearVelocity(btVector3(0, 0, 0));
    r->setAngularVelocity(btVector3(0, 0, 0));
    r->clearForces();
    w->world.addRigidBody(r);
}

void cb_body_set_mass(cb_world *w, cb_body b, double mass) {
    cb_slot *s = slot(w, b);
    if (!s || !(mass > 0)) return;
    s->dynamic_mass = (btScalar)mass;
    btRigidBody *r = s->body.get();
    if (!r->isStaticOrKinematicObject()) {
        set_mass_props(r, s->dynamic_mass);
        r->setGravity(w->world.getGravity());
    }
}

void cb_body_disable_deactivation(cb_world *w, cb_body b) { if (auto r = body(w, b)) r->setActivationState(DISABLE_DEACTIVATION); }

static void set_transform(btRigidBody *r, const btTransform &t) {
    r->setWorldTransform(t);
    r->setInterpolationWorldTransform(t);
    if (r->getMotionState()) r->getMotionState()->setWorldTransform(t);
    r->activate(true);
}

void cb_body_set_position(cb_world *w, cb_body b, double x, double y, double z) {
    auto r = body(w, b);
    if (!r) return;
    btTransform t = r->getWorldTransform();
    t.setOrigin(btVector3((btScalar)x, (btScalar)y, (btScalar)z));
    set_transform(r, t);
}

void cb_body_set_orientation(cb_world *w, cb_body b, double x, double y, double z, double qw) {
    auto r = body(w, b);
    if (!r) return;
    btTransform t = r->getWorldTransform();
    t.setRotation(btQuaternion((btScalar)x, (btScalar)y, (btScalar)z, (btScalar)qw));
    set_transform(r, t);
}

void cb_body_set_linear_velocity(cb_world *w, cb_body b, double x, double y, double z) {
    if (auto r = body(w, b)) { r->setLinearVelocity(btVector3((btScalar)x, (btScalar)y, (btScalar)z)); r->activate(true); }
}

void cb_body_set_angular_velocity(cb_world *w, cb_body b, double x, double y, double z) {
    if (auto r = body(w, b)) { r->setAngularVelocity(btVector3((btScalar)x, (btScalar)y, (btScalar)z)); r->activate(true); }
}

void cb_body_apply_central_force(cb_world *w, cb_body b, double fx, double fy, double fz) {
    if (auto r = body(w, b)) { r->applyCentralForce(btVector3((btScalar)fx, (btScalar)fy, (btScalar)fz)); r->activate(true); }
}

void cb_body_hold_central_force(cb_world *w, cb_body b, double fx, double fy, double fz) {
    if (cb_slot *s = slot(w, b)) {
        s->held_force += btVector3((btScalar)fx, (btScalar)fy, (btScalar)fz);
        s->body->activate(true);
    }
}

void cb_body_clear_forces(cb_world *w, cb_body b) {
    if (cb_slot *s = slot(w, b)) {
        s->body->clearForces();
        s->held_force.setZero();
    }
}

void cb_body_position(const cb_world *w, cb_body b, double out[3]) {
    auto r = body(w, b);
    btVector3 p = r ? r->getWorldTransform().getOrigin() : btVector3(0, 0, 0);
    out[0] = p.x(); out[1] = p.y(); out[2] = p.z();
}

void cb_body_orientation(const cb_world *w, cb_body b, double out[4]) {
    auto r = body(w, b);
    btQuaternion q = r ? r->getWorldTransform().getRotation() : btQuaternion(0, 0, 0, 1);
    out[0] = q.x(); out[1] = q.y(); out[2] = q.z(); out[3] = q.w();
}

void cb_body_linear_velocity(const cb_world *w, cb_body b, double out[3]) {
    auto r = body(w, b);
    btVector3 v = r ? r->getLinearVelocity() : btVector3(0, 0, 0);
    out[0] = v.x(); out[1] = v.y(); out[2] = v.z();
}

void cb_body_angular_velocity(const cb_world *w, cb_body b, double out[3]) {
    auto r = body(w, b);
    btVector3 v = r ? r->getAngularVelocity() : btVector3(0, 0, 0);
    out[0] = v.x(); out[1] = v.y(); out[2] = v.z();
}

double cb_body_mass(const cb_world *w, cb_body b) {
    auto r = body(w, b);
    return (r && r->getInvMass() > 0) ? 1.0 / r->getInvMass() : 0.0;
}

int cb_body_is_kinematic(const cb_world *w, cb_body b) {
    auto r = body(w, b);
    return (r && r->isKinematicObject()) ? 1 : 0;
}

}
