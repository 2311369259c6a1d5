#include <cblas.h>

/* LAPACK's symmetric eigen-solver, shipped in libopenblas (OpenBLAS has no lapack.h in Debian's -dev package). */
void dsyevd_(char *jobz, char *uplo, int *n, double *a, int *lda, double *w, double *work, int *lwork,
             int *iwork, int *liwork, int *info);
