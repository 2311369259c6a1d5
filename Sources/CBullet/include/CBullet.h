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
/// Contact settings for stable, repeatable contacts (Kubric's): split impulse on or off, the speed
/// below which restitution is ignored, the warm-starting factor (0 turns warm starting off), and
/// whether overlapping pairs are processed in a deterministic order.
void cb_world_configure_contacts(cb_world *w, int split_impulse, double restitution_velocity_threshold,
                                 double warmstarting_factor, int deterministic_pairs);
/// Advances by `dt` seconds in fixed steps of `fixed_dt`, at most `max_substeps` of them.
void cb_world_step(cb_world *w, double dt, int max_substeps, double fixed_dt);
/// Advances by exactly `substeps` steps of `fixed_dt`; every held force acts on each of them, and
/// all held forces are released afterwards.
void cb_world_step_substeps(cb_world *w, int substeps, double fixed_dt);
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
/// The collision margin of the body's shape (Bullet's sphere ignores it: its margin is its radius).
void cb_body_set_margin(cb_world *w, cb_body b, double margin);
/// Kinematic bodies are moved by the caller and push dynamic ones; switching back makes them dynamic
/// with the mass they were created with (or last given by cb_body_set_mass).
void cb_body_set_kinematic(cb_world *w, cb_body b, int kinematic);
/// Sets the mass (and the matching inertia) a dynamic body has; mass must be positive.
void cb_body_set_mass(cb_world *w, cb_body b, double mass);
/// Never lets the body fall asleep.
void cb_body_disable_deactivation(cb_world *w, cb_body b);
void cb_body_set_position(cb_world *w, cb_body b, double x, double y, double z);
/// Sets the orientation from a quaternion (x, y, z, w).
void cb_body_set_orientation(cb_world *w, cb_body b, double x, double y, double z, double qw);
void cb_body_set_linear_velocity(cb_world *w, cb_body b, double x, double y, double z);
void cb_body_set_angular_velocity(cb_world *w, cb_body b, double x, double y, double z);
void cb_body_apply_central_force(cb_world *w, cb_body b, double fx, double fy, double fz);
/// Adds a force through the centre of mass that cb_world_step_substeps applies on every substep.
void cb_body_hold_central_force(cb_world *w, cb_body b, double fx, double fy, double fz);
void cb_body_clear_forces(cb_world *w, cb_body b);

/// Position (3) of the body's centre of mass.
void cb_body_position(const cb_world *w, cb_body b, double out_xyz[3]);
/// Orientation as a quaternion (x, y, z, w).
void cb_body_orientation(const cb_world *w, cb_body b, double out_xyzw[4]);
void cb_body_linear_velocity(const cb_world *w, cb_body b, double out_xyz[3]);
void cb_body_angular_velocity(const cb_world *w, cb_body b, double out_xyz[3]);
/// The body's mass; 0 for static and kinematic bodies.
double cb_body_mass(const cb_world *w, cb_body b);
/// 1 when the body is kinematic.
int cb_body_is_kinematic(const cb_world *w, cb_body b);

#ifdef __cplusplus
}
#endif

/* Soft bodies (cloth) and articulated bodies have their own worlds and files. */
#include "SoftBody.h"
#include "MultiBody.h"
#endif
