package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;

/**
 * The seasonal recall rule ({@code recall_period} P &gt; 0): an alarm is not news when the
 * likelihood was also at the alarm level at the same time of an earlier season. A daily backup's
 * CPU burst at 3 a.m. is rare among the forest's sample points (a few a day), so the forest
 * isolates it every day; a sequence memory (Numenta's HTM) learns it as part of the day. Here a
 * row's alarm is lowered to the warning level when, in at least {@link #REPEATS} of the last
 * {@link #SEASONS} seasons k, a row t − kP + j with a shift |j| ≤ P/24 (an hour of a day: a
 * scheduled event drifts a little) had an alarm-level likelihood too, whether that alarm was
 * reported or not. One earlier alarm at the same time is a coincidence (on NAB, counting one
 * hid a second real incident that came at the same hour four days after the first); two are a
 * schedule.
 *
 * <p>State: one flag per row for the last SEASONS × P + P/24 rows.
 */
final class SeasonalRecall {
    /** Earlier seasons searched for an alarm at the same time (a week of days). */
    static final int SEASONS = 7;
    /** Earlier seasons that must have had an alarm at the same time: one is a coincidence, two a schedule. */
    static final int REPEATS = 2;

    private final int period;
    private final int shift;
    private final boolean[] alarmed;
    private long rows;

    /** @param period rows per season (P ≥ 2) */
    SeasonalRecall(int period) {
        this.period = period;
        this.shift = shiftOf(period);
        this.alarmed = new boolean[SEASONS * period + shift];
    }

    private SeasonalRecall(SeasonalRecall o) {
        period = o.period;
        shift = o.shift;
        alarmed = o.alarmed.clone();
        rows = o.rows;
    }

    SeasonalRecall copy() {
        return new SeasonalRecall(this);
    }

    /** The largest shift in time of a recalled alarm: an hour of a day, at least one row. */
    static int shiftOf(int period) {
        return Math.max(1, Math.round(period / 24f));
    }

    /**
     * Takes the stream's next row, whose likelihood was ({@code alarm}) or was not at the alarm
     * level; returns whether a row at the same time of one of the earlier seasons was.
     */
    boolean step(boolean alarm) {
        int seasons = 0;
        if (alarm) {
            for (int k = 1; k <= SEASONS && seasons < REPEATS; k++) {
                boolean found = false;
                for (int j = -shift; j <= shift && !found; j++) {
                    long lag = (long) k * period - j;
                    found = lag <= rows && lag <= alarmed.length && alarmed[(int) ((rows - lag) % alarmed.length)];
                }
                seasons += found ? 1 : 0;
            }
        }
        boolean recalled = seasons >= REPEATS;
        alarmed[(int) (rows % alarmed.length)] = alarm;
        rows++;
        return recalled;
    }

    void write(BinaryWriter w) {
        byte[] flags = new byte[alarmed.length];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = (byte) (alarmed[i] ? 1 : 0);
        }
        w.writeBytes(flags).writeLong(rows);
    }

    static SeasonalRecall read(BinaryReader r, int period) {
        SeasonalRecall s = new SeasonalRecall(period);
        byte[] flags = r.readBytes();
        long rows = r.readLong();
        if (flags.length != s.alarmed.length || rows < 0) {
            throw r.corrupt("seasonal recall of " + flags.length + " rows, " + rows + " rows seen");
        }
        for (int i = 0; i < flags.length; i++) {
            s.alarmed[i] = flags[i] != 0;
        }
        s.rows = rows;
        return s;
    }
}
