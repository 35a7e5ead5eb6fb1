/*
 * The isolation forest's walk of complete trees (io.sentinelrisk.core.detect.iforest.CompleteForest)
 * in C, called through JNI once per block of rows by NativeForestWalk.
 *
 * Exactness: out[r] is set to 0.0 and then gets each tree's leaf added in tree order, as the Java
 * walk does, so the sums are the same bit for bit (built without -ffast-math and with
 * -ffp-contract=off). The step is the Java one: x > threshold goes right, and false for a NaN on
 * either side; the compiler turns the comparison into a flag (no branch).
 *
 * Safety: this code trusts its arguments; the Java side checks them before every call (features in
 * [0, cols), array lengths that fit trees of this depth, rows [start, end) inside x and out).
 */
#include <jni.h>
#include <stddef.h>
#include <stdint.h>

/* Rows walked together down one tree: their chains of dependent loads overlap. */
#define LANES 8

static void walk_tree(const int32_t *restrict feature, const double *restrict threshold,
                      const double *restrict leaf, int depth, const double *restrict x, int cols,
                      int n, double *restrict out) {
    int r = 0;
    for (; r + LANES <= n; r += LANES) {
        const double *row = x + (size_t) r * cols;
        size_t i[LANES];
        for (int k = 0; k < LANES; k++) {
            i[k] = 0;
        }
        for (int d = 0; d < depth; d++) {
            for (int k = 0; k < LANES; k++) {
                size_t node = i[k];
                i[k] = 2 * node + 1 + (row[(size_t) k * cols + feature[node]] > threshold[node]);
            }
        }
        for (int k = 0; k < LANES; k++) {
            out[r + k] += leaf[i[k]];
        }
    }
    for (; r < n; r++) {
        const double *row = x + (size_t) r * cols;
        size_t i = 0;
        for (int d = 0; d < depth; d++) {
            i = 2 * i + 1 + (row[feature[i]] > threshold[i]);
        }
        out[r] += leaf[i];
    }
}

static void walk_block(int trees, int depth, const int32_t *feature, const double *threshold,
                       const double *leaf, const double *x, int cols, int n, double *out) {
    size_t splits = ((size_t) 1 << depth) - 1;
    for (int r = 0; r < n; r++) {
        out[r] = 0.0;
    }
    for (int t = 0; t < trees; t++) {
        size_t nodes = (size_t) t * splits;
        /* leaf index of node i (splits <= i < 2 * splits + 1) of tree t */
        const double *leaves = leaf + (size_t) t * (splits + 1) - splits;
        walk_tree(feature + nodes, threshold + nodes, leaves, depth, x, cols, n, out);
    }
}

JNIEXPORT jint JNICALL
Java_io_sentinelrisk_core_detect_iforest_NativeForestWalk_abiVersion(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return 1;
}

/* Returns 0 when done, 1 when an array could not be pinned (the caller then walks in Java). */
JNIEXPORT jint JNICALL
Java_io_sentinelrisk_core_detect_iforest_NativeForestWalk_walkBlock(
        JNIEnv *env, jclass cls, jint trees, jint depth, jintArray feature, jdoubleArray threshold,
        jdoubleArray leaf, jdoubleArray x, jint cols, jint start, jint end, jdoubleArray out) {
    (void) cls;
    jint status = 1;
    void *f = (*env)->GetPrimitiveArrayCritical(env, feature, NULL);
    void *th = f ? (*env)->GetPrimitiveArrayCritical(env, threshold, NULL) : NULL;
    void *lf = th ? (*env)->GetPrimitiveArrayCritical(env, leaf, NULL) : NULL;
    void *xs = lf ? (*env)->GetPrimitiveArrayCritical(env, x, NULL) : NULL;
    void *os = xs ? (*env)->GetPrimitiveArrayCritical(env, out, NULL) : NULL;
    if (os) {
        walk_block(trees, depth, (const int32_t *) f, (const double *) th, (const double *) lf,
                   (const double *) xs + (size_t) start * cols, cols, end - start,
                   (double *) os + start);
        status = 0;
    }
    /* Released in reverse order; read-only arrays with JNI_ABORT (nothing to copy back). */
    if (os) (*env)->ReleasePrimitiveArrayCritical(env, out, os, 0);
    if (xs) (*env)->ReleasePrimitiveArrayCritical(env, x, xs, JNI_ABORT);
    if (lf) (*env)->ReleasePrimitiveArrayCritical(env, leaf, lf, JNI_ABORT);
    if (th) (*env)->ReleasePrimitiveArrayCritical(env, threshold, th, JNI_ABORT);
    if (f) (*env)->ReleasePrimitiveArrayCritical(env, feature, f, JNI_ABORT);
    return status;
}
