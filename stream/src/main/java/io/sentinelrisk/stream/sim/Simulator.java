package io.sentinelrisk.stream.sim;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Replays events in event-time order, in batches, at a set pace: {@code rate} events per second,
 * or {@code speedup} times the pace of the events' own times (a batch leaves when its first event
 * is due), or as fast as the target takes them when neither is set.
 */
public final class Simulator {
    private final int batchSize;
    private final long maxBatches;
    private final double rate;
    private final double speedup;

    /**
     * @param batchSize  events per batch (≥ 1)
     * @param maxBatches stop after this many batches; 0 = all
     * @param rate       events per second; 0 = not paced by rate
     * @param speedup    replay the events' time gaps divided by this; 0 = not paced by event time
     */
    public Simulator(int batchSize, long maxBatches, double rate, double speedup) {
        if (batchSize < 1 || maxBatches < 0 || rate < 0 || speedup < 0 || (rate > 0 && speedup > 0)) {
            throw new IllegalArgumentException("batch size ≥ 1, max batches ≥ 0, and at most one of rate and speedup");
        }
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
        this.rate = rate;
        this.speedup = speedup;
    }

    /** Sends {@code events} to {@code sink}; {@code sentSoFar} hears the events sent after each batch. */
    public SimSummary run(List<SimEvent> events, Sink sink, LongConsumer sentSoFar) {
        long start = System.nanoTime();
        long sent = 0;
        long batches = 0;
        long acked = 0;
        long retried = 0;
        long firstTime = events.isEmpty() ? 0 : events.get(0).time();
        for (int from = 0; from < events.size() && (maxBatches == 0 || batches < maxBatches); from += batchSize) {
            List<SimEvent> batch = events.subList(from, Math.min(events.size(), from + batchSize));
            long dueNanos = -1;
            if (rate > 0) {
                dueNanos = (long) (sent / rate * 1e9);
            } else if (speedup > 0 && batch.get(0).time() != Long.MIN_VALUE) {
                dueNanos = (long) ((batch.get(0).time() - firstTime) / speedup * 1e6);
            }
            waitUntil(start + dueNanos, dueNanos >= 0);
            Sink.Delivery d = sink.send(batch);
            sent += batch.size();
            batches++;
            acked += d.acknowledged();
            retried += d.retried();
            sentSoFar.accept(sent);
        }
        return new SimSummary(sent, batches, acked, retried, (System.nanoTime() - start) / 1e9, rate);
    }

    /** Events that {@link #run} will send of {@code total}: {@code --max-batches} may stop it early. */
    public long planned(long total) {
        return maxBatches == 0 ? total : Math.min(total, maxBatches * batchSize);
    }

    private static void waitUntil(long nanos, boolean paced) {
        if (!paced) {
            return;
        }
        long left = nanos - System.nanoTime();
        while (left > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            left = nanos - System.nanoTime();
        }
    }
}
