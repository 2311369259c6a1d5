"""Opens a mocap window's motion.bvh in Blender and compares every joint of every frame with the
window's positions.npy (the positions loom computed by forward kinematics).

    blender -b --python docs/motion-blender-check.py -- out/mocap/windows/00000

Prints the bone count, the frames, the frame rate and the largest joint distance (metres); exits 1
when it exceeds 1 mm. Needs Debian's `blender` (3.4) and `python3-numpy`.
"""
import builtins
import os
import sys

import bpy
import numpy as np

# Blender 3.4's BVH importer opens files with mode "rU", which Python 3.11 (Debian's) removed.
_open = builtins.open
builtins.open = lambda f, mode="r", *a, **k: _open(f, mode.replace("U", ""), *a, **k)

NAMES = ["root", "chest", "neck", "right_hip", "right_knee", "right_ankle", "right_shoulder",
         "right_elbow", "left_hip", "left_knee", "left_ankle", "left_shoulder", "left_elbow"]

folder = sys.argv[sys.argv.index("--") + 1]
positions = np.load(os.path.join(folder, "positions.npy"))  # frames x 13 x 3, Y up
bpy.ops.wm.read_factory_settings(use_empty=True)
bpy.ops.import_anim.bvh(filepath=os.path.join(folder, "motion.bvh"), global_scale=1.0, axis_forward="-Z", axis_up="Y",
                        update_scene_fps=True, update_scene_duration=True)
armature = next(o for o in bpy.context.scene.objects if o.type == "ARMATURE")
scene = bpy.context.scene
first, last = (int(f) for f in armature.animation_data.action.frame_range)
print(f"bones {len(armature.data.bones)}, frames {first}-{last}, {scene.render.fps / scene.render.fps_base:g} fps")
worst = 0.0
for frame in range(first, last + 1):
    scene.frame_set(frame)
    for j, name in enumerate(NAMES):
        x, y, z = armature.matrix_world @ armature.pose.bones[name].head   # Blender is Z up: (x, -z, y) of ours
        worst = max(worst, float(np.linalg.norm(np.array([x, z, -y]) - positions[frame - first, j])))
print(f"largest joint distance from positions.npy: {worst * 1000:.3f} mm over {last - first + 1} frames x {len(NAMES)} joints")
sys.exit(0 if last - first + 1 == positions.shape[0] and worst < 1e-3 else 1)
