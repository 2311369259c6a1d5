/* Only supplies Bullet's include path and libraries (pkg-config "bullet") to the CBullet shim. */
