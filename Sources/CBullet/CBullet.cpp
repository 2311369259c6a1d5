#include "CBullet.h"
#include <btBulletDynamicsCommon.h>
#include <memory>
#include <new>
#include <vector>

struct cb_world {
    btDefaultCollisionConfiguration configuration;
    btCollisionDispatcher dispatcher{&configuration};
    btDbvtBroadphase broadphase;
    btSequentialImpulseConstraintSolver solver;
    btDiscreteDynamicsWorld world{&dispatcher, &broadphase, &solver, &configuration};
    std::vector<std::unique_ptr<btCollisionShape>> shapes;
    std::vector<std::unique_ptr<btDefaultMotionState>> motions;
    std::vector<std::unique_ptr<btRigidBody>> bodies;
};

static btRigidBody *body(const cb_world *w, cb_body b) {
    return (b >= 0 && b < (int)w->bodies.size()) ? w->bodies[b].get() : nullptr;
}

static cb_body add_body(cb_world *w, btCollisionShape *shape, double mass, const btVector3 &origin) {
    try {
        w->shapes.emplace_back(shape);
        btVector3 inertia(0, 0, 0);
        if (mass > 0) shape->calculateLocalInertia((btScalar)mass, inertia);
        btTransform start;
        start.setIdentity();
        start.setOrigin(origin);
        w->motions.emplace_back(new btDefaultMotionState(start));
        btRigidBody::btRigidBodyConstructionInfo info((btScalar)mass, w->motions.back().get(), shape, inertia);
        w->bodies.emplace_back(new btRigidBody(info));
        w->world.addRigidBody(w->bodies.back().get());
        return (cb_body)w->bodies.size() - 1;
    } catch (...) {
        return -1;
    }
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
    for (auto &b : w->bodies) w->world.removeRigidBody(b.get());
    delete w;
}

void cb_world_set_solver_iterations(cb_world *w, int iterations) {
    w->world.getSolverInfo().m_numIterations = iterations;
}

void cb_world_step(cb_world *w, double dt, int max_substeps, double fixed_dt) {
    w->world.stepSimulation((btScalar)dt, max_substeps, (btScalar)fixed_dt);
}

int cb_world_body_count(const cb_world *w) { return (int)w->bodies.size(); }

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

void cb_body_set_kinematic(cb_world *w, cb_body b, int kinematic) {
    auto r = body(w, b);
    if (!r) return;
    int flags = r->getCollisionFlags();
    if (kinematic) {
        r->setCollisionFlags(flags | btCollisionObject::CF_KINEMATIC_OBJECT);
        r->setActivationState(DISABLE_DEACTIVATION);
    } else {
        r->setCollisionFlags(flags & ~btCollisionObject::CF_KINEMATIC_OBJECT);
        r->activate(true);
    }
}

void cb_body_disable_deactivation(cb_world *w, cb_body b) { if (auto r = body(w, b)) r->setActivationState(DISABLE_DEACTIVATION); }

void cb_body_set_position(cb_world *w, cb_body b, double x, double y, double z) {
    auto r = body(w, b);
    if (!r) return;
    btTransform t = r->getWorldTransform();
    t.setOrigin(btVector3((btScalar)x, (btScalar)y, (btScalar)z));
    r->setWorldTransform(t);
    if (r->getMotionState()) r->getMotionState()->setWorldTransform(t);
    r->activate(true);
}

void cb_body_set_linear_velocity(cb_world *w, cb_body b, double x, double y, double z) {
    if (auto r = body(w, b)) { r->setLinearVelocity(btVector3((btScalar)x, (btScalar)y, (btScalar)z)); r->activate(true); }
}

void cb_body_apply_central_force(cb_world *w, cb_body b, double fx, double fy, double fz) {
    if (auto r = body(w, b)) { r->applyCentralForce(btVector3((btScalar)fx, (btScalar)fy, (btScalar)fz)); r->activate(true); }
}

void cb_body_clear_forces(cb_world *w, cb_body b) { if (auto r = body(w, b)) r->clearForces(); }

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

}
