#include "SoftBody.h"
#include <btBulletDynamicsCommon.h>
#include <BulletSoftBody/btDefaultSoftBodySolver.h>
#include <BulletSoftBody/btSoftBodyHelpers.h>
#include <BulletSoftBody/btSoftBodyRigidBodyCollisionConfiguration.h>
#include <BulletSoftBody/btSoftRigidDynamicsWorld.h>
#include <cmath>
#include <limits>
#include <vector>

/* One cloth: Bullet's soft body plus the wind model's coefficient. */
struct cb_cloth_slot {
    btSoftBody *body;
    btScalar pressure_coefficient;
};

struct cb_soft_world {
    btSoftBodyRigidBodyCollisionConfiguration configuration;
    btCollisionDispatcher dispatcher{&configuration};
    btDbvtBroadphase broadphase;
    btSequentialImpulseConstraintSolver solver;
    btDefaultSoftBodySolver soft_solver;
    btSoftRigidDynamicsWorld world{&dispatcher, &broadphase, &solver, &configuration, &soft_solver};
    std::vector<cb_cloth_slot> cloths;
    btVector3 wind{0, 0, 0};
    btScalar air_density = 1.2;
};

static btSoftBody *cloth(const cb_soft_world *w, cb_cloth c) {
    return (c >= 0 && c < (int)w->cloths.size()) ? w->cloths[c].body : nullptr;
}

/* The wind model (see SoftBody.h): a pressure force per triangle from the relative wind and the
   triangle's normal, added to the node forces Bullet integrates in the coming substep. */
static void apply_wind(btDynamicsWorld *dynamics, btScalar) {
    auto *w = static_cast<cb_soft_world *>(dynamics->getWorldUserInfo());
    for (auto &slot : w->cloths) {
        const btScalar k = btScalar(0.5) * w->air_density * slot.pressure_coefficient;
        if (k == 0) continue;
        btSoftBody::tFaceArray &faces = slot.body->m_faces;
        for (int i = 0; i < faces.size(); ++i) {
            btSoftBody::Node *n0 = faces[i].m_n[0], *n1 = faces[i].m_n[1], *n2 = faces[i].m_n[2];
            const btVector3 c = (n1->m_x - n0->m_x).cross(n2->m_x - n0->m_x);
            const btScalar twice_area = c.length();
            if (twice_area < btScalar(1e-12)) continue;
            const btVector3 normal = c / twice_area;
            const btVector3 relative = w->wind - (n0->m_v + n1->m_v + n2->m_v) / 3;
            const btScalar normal_speed = relative.dot(normal);
            // |F| = 1/2 rho C A v_n |v_n|, a third on each node.
            const btVector3 share = normal * (k * btScalar(0.5) * twice_area * normal_speed * std::fabs(normal_speed) / 3);
            if (n0->m_im > 0) n0->m_f += share;
            if (n1->m_im > 0) n1->m_f += share;
            if (n2->m_im > 0) n2->m_f += share;
        }
    }
}

extern "C" {

cb_soft_world *cb_soft_world_create(double gx, double gy, double gz, double air_density) {
    try {
        cb_soft_world *w = new cb_soft_world();
        const btVector3 g((btScalar)gx, (btScalar)gy, (btScalar)gz);
        w->world.setGravity(g);
        btSoftBodyWorldInfo &info = w->world.getWorldInfo();
        info.m_gravity = g;
        info.air_density = (btScalar)air_density;
        info.m_sparsesdf.Initialize();
        w->air_density = (btScalar)air_density;
        w->world.setInternalTickCallback(apply_wind, w, true);
        return w;
    } catch (...) {
        return nullptr;
    }
}

void cb_soft_world_destroy(cb_soft_world *w) {
    if (!w) return;
    for (auto &slot : w->cloths) {
        w->world.removeSoftBody(slot.body);
        delete slot.body;
    }
    delete w;
}

void cb_soft_world_set_wind(cb_soft_world *w, double vx, double vy, double vz) {
    w->wind = btVector3((btScalar)vx, (btScalar)vy, (btScalar)vz);
}

void cb_soft_world_step_substeps(cb_soft_world *w, int substeps, double fixed_dt) {
    // maxSubSteps 0: exactly one step of fixed_dt each time.
    for (int i = 0; i < substeps; i++) w->world.stepSimulation((btScalar)fixed_dt, 0, (btScalar)fixed_dt);
}

cb_cloth cb_cloth_add(cb_soft_world *w, const double c00[3], const double c10[3], const double c01[3],
                      const double c11[3], int nx, int ny, double mass, double stretch, double bend,
                      int iterations, double damping, double pressure_coefficient) {
    if (nx < 2 || ny < 2 || !(mass > 0)) return -1;
    try {
        auto v = [](const double p[3]) { return btVector3((btScalar)p[0], (btScalar)p[1], (btScalar)p[2]); };
        btSoftBody *sb = btSoftBodyHelpers::CreatePatch(w->world.getWorldInfo(), v(c00), v(c10), v(c01), v(c11),
                                                        nx, ny, 0, false);
        btSoftBody::Material *structural = sb->m_materials[0];
        structural->m_kLST = structural->m_kAST = structural->m_kVST = (btScalar)stretch;
        btSoftBody::Material *bending = sb->appendMaterial();
        bending->m_kLST = bending->m_kAST = bending->m_kVST = (btScalar)bend;
        sb->generateBendingConstraints(2, bending);
        sb->m_cfg.aeromodel = btSoftBody::eAeroModel::V_Point;
        sb->m_cfg.kDG = 0;   // Bullet's own aerodynamics off: the wind is ours
        sb->m_cfg.kLF = 0;
        sb->m_cfg.kDP = (btScalar)damping;
        sb->m_cfg.piterations = iterations;
        sb->setTotalMass((btScalar)mass, false);
        sb->setActivationState(DISABLE_DEACTIVATION);
        w->world.addSoftBody(sb);
        w->cloths.push_back({sb, (btScalar)pressure_coefficient});
        return (cb_cloth)w->cloths.size() - 1;
    } catch (...) {
        return -1;
    }
}

void cb_cloth_pin(cb_soft_world *w, cb_cloth c, int node) {
    btSoftBody *sb = cloth(w, c);
    if (sb && node >= 0 && node < sb->m_nodes.size()) sb->setMass(node, 0);
}

void cb_cloth_set_positions(cb_soft_world *w, cb_cloth c, const double *xyz) {
    btSoftBody *sb = cloth(w, c);
    if (!sb) return;
    for (int i = 0; i < sb->m_nodes.size(); ++i) {
        const btVector3 p((btScalar)xyz[3 * i], (btScalar)xyz[3 * i + 1], (btScalar)xyz[3 * i + 2]);
        sb->m_nodes[i].m_x = p;
        sb->m_nodes[i].m_q = p;
    }
    sb->updateBounds();
}

int cb_cloth_node_count(const cb_soft_world *w, cb_cloth c) {
    btSoftBody *sb = cloth(w, c);
    return sb ? sb->m_nodes.size() : 0;
}

void cb_cloth_positions(const cb_soft_world *w, cb_cloth c, double *out_xyz) {
    btSoftBody *sb = cloth(w, c);
    if (!sb) return;
    for (int i = 0; i < sb->m_nodes.size(); ++i) {
        const btVector3 &p = sb->m_nodes[i].m_x;
        out_xyz[3 * i] = p.x(); out_xyz[3 * i + 1] = p.y(); out_xyz[3 * i + 2] = p.z();
    }
}

void cb_cloth_normals(const cb_soft_world *w, cb_cloth c, double *out_xyz) {
    btSoftBody *sb = cloth(w, c);
    if (!sb) return;
    for (int i = 0; i < sb->m_nodes.size(); ++i) {
        const btVector3 &n = sb->m_nodes[i].m_n;
        out_xyz[3 * i] = n.x(); out_xyz[3 * i + 1] = n.y(); out_xyz[3 * i + 2] = n.z();
    }
}

double cb_cloth_max_stretch(const cb_soft_world *w, cb_cloth c) {
    btSoftBody *sb = cloth(w, c);
    if (!sb) return 0;
    double worst = 0;
    for (int i = 0; i < sb->m_links.size(); ++i) {
        const btSoftBody::Link &l = sb->m_links[i];
        if (l.m_bbending) continue;   // bending links lengthen freely as the cloth shears
        const double length = (l.m_n[0]->m_x - l.m_n[1]->m_x).length();
        if (!std::isfinite(length)) return std::numeric_limits<double>::infinity();
        if (l.m_rl > 0) worst = std::fmax(worst, length / l.m_rl);
    }
    return worst;
}

}
