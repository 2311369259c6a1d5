#ifndef CBULLET_SOFTBODY_H
#define CBULLET_SOFTBODY_H
/* A plain C API over Bullet's soft-body (cloth) world. The world owns every cloth; cloths are
   integer handles, valid until the world is destroyed. No C++ exception crosses this boundary:
   functions that can fail return NULL or a negative handle.

   Wind is our own model, not Bullet's aerodynamic ones (which limit each node's velocity change by
   its current speed, so a cloth at rest ignores wind): before every substep each triangle gets a
   pressure force along its normal, F = 1/2 rho C A (w_rel . n)|w_rel . n| n, with w_rel the wind
   relative to the triangle's mean node velocity, split equally over its three nodes. */
#ifdef __cplusplus
extern "C" {
#endif

typedef struct cb_soft_world cb_soft_world;
typedef int cb_cloth;

/// Creates a cloth world with the given gravity (m/s^2) and air density (kg/m^3); NULL on failure.
cb_soft_world *cb_soft_world_create(double gx, double gy, double gz, double air_density);
void cb_soft_world_destroy(cb_soft_world *w);
/// The uniform wind velocity (m/s) every cloth feels from the next substep on.
void cb_soft_world_set_wind(cb_soft_world *w, double vx, double vy, double vz);
/// Advances by exactly `substeps` steps of `fixed_dt` seconds.
void cb_soft_world_step_substeps(cb_soft_world *w, int substeps, double fixed_dt);

/// A rectangular cloth of nx x ny nodes (node (i, j) has index j * nx + i) spanning the corners
/// c00 (i = 0, j = 0), c10 (i = nx-1), c01 (j = ny-1) and c11, without diagonal shear links.
/// `mass` (kg) is spread evenly over the nodes; `stretch` and `bend` are Bullet's linear stiffness
/// coefficients (0..1] of the structural links and of the bending links (two nodes apart);
/// `iterations` the position-solver iterations; `damping` Bullet's kDP; `pressure_coefficient` C of
/// the wind model. Returns the cloth's handle, or -1.
cb_cloth cb_cloth_add(cb_soft_world *w, const double c00[3], const double c10[3], const double c01[3],
                      const double c11[3], int nx, int ny, double mass, double stretch, double bend,
                      int iterations, double damping, double pressure_coefficient);
/// Pins a node where it is (mass 0).
void cb_cloth_pin(cb_soft_world *w, cb_cloth c, int node);
/// Moves every node (rest state too) to `xyz` (3 per node): for a perturbation before the first step.
void cb_cloth_set_positions(cb_soft_world *w, cb_cloth c, const double *xyz);
int cb_cloth_node_count(const cb_soft_world *w, cb_cloth c);
/// Node positions (3 per node, metres).
void cb_cloth_positions(const cb_soft_world *w, cb_cloth c, double *out_xyz);
/// Node normals (3 per node, unit length) as Bullet last updated them.
void cb_cloth_normals(const cb_soft_world *w, cb_cloth c, double *out_xyz);
/// The largest ratio of a structural link's length to its rest length (infinite when a node is not finite).
double cb_cloth_max_stretch(const cb_soft_world *w, cb_cloth c);

#ifdef __cplusplus
}
#endif
#endif
