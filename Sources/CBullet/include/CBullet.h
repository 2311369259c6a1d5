#ifndef CBULLET_H
#define CBULLET_H
/* A plain C API over Bullet's rigid-body world. The world owns every shape and body;
   bodies are integer handles, valid until the world is destroyed. No C++ exception crosses
   this boundary: functions that can fail return NULL or a negative handle. */
#ifdef __cplusplus
extern "C" {
#endif

typedef struct cb_world cb_world;
typedef int cb_body;

/// Creates a world with the given gravity; NULL on failure.
cb_world *cb_world_create(double gx, double gy, double gz);
void cb_world_destroy(cb_world *w);
/// Solver iterations per step (Bullet's default is 10).
void cb_world_set_solver_iterations(cb_world *w, int iterations);
/// Advances by `dt` seconds in fixed steps of `fixed_dt`, at most `max_substeps` of them.
void cb_world_step(cb_world *w, double dt, int max_substeps, double fixed_dt);
int cb_world_body_count(const cb_world *w);

/// A static infinite plane n·x = offset.
cb_body cb_add_plane(cb_world *w, double nx, double ny, double nz, double offset);
/// A sphere; mass 0 makes it static.
cb_body cb_add_sphere(cb_world *w, double radius, double mass, double x, double y, double z);
/// A box given by its half extents; mass 0 makes it static.
cb_body cb_add_box(cb_world *w, double hx, double hy, double hz, double mass, double x, double y, double z);

void cb_body_set_friction(cb_world *w, cb_body b, double friction);
void cb_body_set_rolling_friction(cb_world *w, cb_body b, double friction);
void cb_body_set_restitution(cb_world *w, cb_body b, double restitution);
void cb_body_set_damping(cb_world *w, cb_body b, double linear, double angular);
/// Kinematic bodies are moved by the caller and push dynamic ones; switching back makes them dynamic.
void cb_body_set_kinematic(cb_world *w, cb_body b, int kinematic);
/// Never lets the body fall asleep.
void cb_body_disable_deactivation(cb_world *w, cb_body b);
void cb_body_set_position(cb_world *w, cb_body b, double x, double y, double z);
void cb_body_set_linear_velocity(cb_world *w, cb_body b, double x, double y, double z);
void cb_body_apply_central_force(cb_world *w, cb_body b, double fx, double fy, double fz);
void cb_body_clear_forces(cb_world *w, cb_body b);

/// Position (3) of the body's centre of mass.
void cb_body_position(const cb_world *w, cb_body b, double out_xyz[3]);
/// Orientation as a quaternion (x, y, z, w).
void cb_body_orientation(const cb_world *w, cb_body b, double out_xyzw[4]);
void cb_body_linear_velocity(const cb_world *w, cb_body b, double out_xyz[3]);
void cb_body_angular_velocity(const cb_world *w, cb_body b, double out_xyz[3]);
double cb_body_mass(const cb_world *w, cb_body b);

#ifdef __cplusplus
}
#endif
#endif
