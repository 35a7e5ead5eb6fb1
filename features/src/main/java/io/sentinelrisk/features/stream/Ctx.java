package io.sentinelrisk.features.stream;

/**
 * Everything an expression of the current event can read, in flat arrays reused from event to
 * event. Missing numbers are NaN, missing text is null.
 */
final class Ctx {
    long ts;
    double[] nums;
    String[] strs;
    final double[] aggs;
    final double[] prevNum;
    final String[] prevStr;
    final long[] prevTs;
    final double[] feats;
    final String[] featStrs;

    Ctx(int aggs, int prevs, int features) {
        this.aggs = new double[aggs];
        this.prevNum = new double[prevs];
        this.prevStr = new String[prevs];
        this.prevTs = new long[prevs];
        this.feats = new double[features];
        this.featStrs = new String[features];
    }
}
