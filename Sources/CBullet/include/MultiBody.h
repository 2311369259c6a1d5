#ifndef CBULLET_MULTIBODY_H
#define CBULLET_MULTIBODY_H
/* A plain C API over Bullet's articulated bodies (Featherstone's btMultiBody in a
   btMultiBodyDynamicsWorld). The world owns every body, collider, limit and motor; bodies are
   integer handles, valid until the world is destroyed. No C++ exception crosses this boundary.

   Every call that can fail returns CB_MB_OK (0) or a negative code, and leaves a one-line reason in
   cb_mb_world_error(w): a bad handle, a bad argument, or a call in the wrong order. Nothing fails
   silently.

   A body is built in three steps: cb_mb_body_create (the base), cb_mb_link_spherical /
   cb_mb_link_revolute for every link, cb_mb_collider for the base (link -1) and every link, then
   cb_mb_body_finalize. Links are the Bullet link frames: each sits at its link's centre of mass.
   Joint positions are packed per link: 4 numbers (a quaternion x y z w, the link's rotation against
   its parent) for a spherical joint, 1 (radians) for a revolute one; joint velocities 3 (rad/s, in
   the link's frame) and 1. */
#ifdef __cplusplus
extern "C" {
#endif

typedef struct cb_mb_world cb_mb_world;
typedef int cb_mb_body;

enum { CB_MB_OK = 0, CB_MB_BAD_HANDLE = -1, CB_MB_BAD_ARGUMENT = -2, CB_MB_WRONG_ORDER = -3, CB_MB_FAILED = -4 };
/// Collider kinds: sphere (radius), capsule along the collider's local z axis (radius, cylinder
/// length), box (half extents x y z). Lengths in metres.
enum { CB_MB_SPHERE = 0, CB_MB_CAPSULE_Z = 1, CB_MB_BOX = 2 };

/// A world with gravity (m/s^2) stepped in fixed steps of `fixed_dt` seconds; NULL on failure.
/// Solver iterations `iterations`; overlapping pairs are processed in a deterministic order.
cb_mb_world *cb_mb_world_create(double gx, double gy, double gz, double fixed_dt, int iterations);
void cb_mb_world_destroy(cb_mb_world *w);
/// The reason the last failing call gave ("" when none failed yet).
const char *cb_mb_world_error(const cb_mb_world *w);
/// The fixed step (seconds).
double cb_mb_world_fixed_step(const cb_mb_world *w);
/// A static ground plane n . x = offset with the given friction coefficient.
int cb_mb_world_add_ground(cb_mb_world *w, double nx, double ny, double nz, double offset, double friction);
/// Advances by `steps` fixed steps; the forces added with cb_mb_body_add_base_wrench act on the
/// first of them and are then released.
int cb_mb_world_step(cb_mb_world *w, int steps);

/// A new articulated body of `links` links (base not counted): base mass (kg), principal moments of
/// inertia (kg m^2) at its centre of mass; returns the handle (>= 0) or a negative code.
cb_mb_body cb_mb_body_create(cb_mb_world *w, int links, double base_mass, const double inertia[3]);
/// Link `link` turns freely against `parent` (-1 = the base) about a ball joint.
/// `parent_com_to_pivot` in the parent's frame, `pivot_to_com` in this link's frame (metres).
int cb_mb_link_spherical(cb_mb_world *w, cb_mb_body b, int link, int parent, double mass, const double inertia[3],
                         const double parent_com_to_pivot[3], const double pivot_to_com[3]);
/// Link `link` turns against `parent` about `axis` (unit, in this link's frame), within
/// [lower, upper] radians (no limit when lower > upper).
int cb_mb_link_revolute(cb_mb_world *w, cb_mb_body b, int link, int parent, double mass, const double inertia[3],
                        const double axis[3], const double parent_com_to_pivot[3], const double pivot_to_com[3],
                        double lower, double upper);
/// The collision shape of link `link` (-1 = the base): `kind` and `size` as above, placed at
/// `origin` (metres) turned by `rotation` (x y z w) in the link's frame; with its friction
/// coefficient. A box gets the collision margin `box_margin` (m, within its extents; Bullet's
/// default 0.04 is thicker than a thin box, which then collides wrongly; pybullet's URDF loader uses
/// 0.001); spheres and capsules are their own margin.
int cb_mb_collider(cb_mb_world *w, cb_mb_body b, int link, int kind, const double size[3],
                   const double origin[3], const double rotation[4], double friction, double box_margin);
/// Finishes the body and puts it in the world. Links collide with the ground and, when
/// `self_collision` is set, with the other links of the body that are not parent and child. With
/// `inertia_from_shapes` every link's inertia is replaced by what Bullet computes from its mass and
/// collider (pybullet's default when it loads a URDF).
int cb_mb_body_finalize(cb_mb_world *w, cb_mb_body b, int self_collision, int inertia_from_shapes);
/// Puts a joint motor on every link, with `max_torque[link]` (N m) as its cap: the motor's impulse
/// per step is at most max_torque * fixed_dt.
int cb_mb_body_add_motors(cb_mb_world *w, cb_mb_body b, const double *max_torque);
/// The motor targets of every link: packed joint positions and velocities, and the constraint gains
/// kp (position error) and kd (velocity error), both in [0, 1] per step.
int cb_mb_body_set_motor_targets(cb_mb_world *w, cb_mb_body b, const double *positions, const double *velocities,
                                 double kp, double kd);

/// Sets the whole state: base centre of mass (m), base orientation (x y z w, body to world), base
/// linear (m/s) and angular (rad/s, world) velocity, packed joint positions and velocities. Contacts
/// from before are forgotten, so what follows depends only on this state.
int cb_mb_body_set_state(cb_mb_world *w, cb_mb_body b, const double base_position[3], const double base_rotation[4],
                         const double base_velocity[3], const double base_omega[3],
                         const double *positions, const double *velocities);
/// Reads the state in the same layout (any output may be NULL).
int cb_mb_body_state(const cb_mb_world *w, cb_mb_body b, double base_position[3], double base_rotation[4],
                     double base_velocity[3], double base_omega[3], double *positions, double *velocities);
/// Adds a force (N) through the base's centre of mass and a torque (N m), both in world axes, for the next step.
int cb_mb_body_add_base_wrench(cb_mb_world *w, cb_mb_body b, const double force[3], const double torque[3]);
/// Numbers per packed joint position and velocity of the whole body.
int cb_mb_body_position_count(const cb_mb_world *w, cb_mb_body b);
int cb_mb_body_velocity_count(const cb_mb_world *w, cb_mb_body b);
/// The world position (metres) of every link's centre of mass, base first: 3 * (links + 1) numbers.
int cb_mb_body_link_positions(const cb_mb_world *w, cb_mb_body b, double *out_xyz);

#ifdef __cplusplus
}
#endif
#endif
