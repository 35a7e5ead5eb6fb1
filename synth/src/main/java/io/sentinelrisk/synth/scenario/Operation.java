package io.sentinelrisk.synth.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * One change a scenario makes to a picked (or added) row. Operations are data: they name columns
 * and numbers, nothing is evaluated. With {@code if_present: true} an operation whose columns
 * are absent is left out instead of skipping the whole scenario.
 */
public sealed interface Operation {
    /** The name used in the file ({@code op: ...}). */
    String op();

    /** Columns that must exist for the operation to run. */
    List<String> columns();

    boolean ifPresent();

    /** {@code column := value}, or one of {@code values} at random. Values are strings, numbers or booleans. */
    record Set(String column, List<Object> values, boolean ifPresent) implements Operation {
        public Set {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        public String op() {
            return "set";
        }

        public List<String> columns() {
            return List.of(column);
        }
    }

    /** {@code column := column × factor}. */
    record Scale(String column, Range factor, boolean ifPresent) implements Operation {
        public String op() {
            return "scale";
        }

        public List<String> columns() {
            return List.of(column);
        }
    }

    /** {@code column := column + amount}. */
    record Add(String column, Range amount, boolean ifPresent) implements Operation {
        public String op() {
            return "add";
        }

        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Moves a timestamp by a number of seconds (negative = earlier). */
    record ShiftTime(String column, Range seconds, boolean ifPresent) implements Operation {
        public String op() {
            return "shift_time";
        }

        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * Keeps the date of a timestamp and moves its time of day (UTC) into [fromHour, toHour),
     * wrapping past midnight when fromHour &gt; toHour (e.g. 22 → 5). The whole hour drawn is also
     * written into {@code hourColumn} when the data has that column.
     */
    record OffHours(String column, double fromHour, double toHour, String hourColumn, boolean ifPresent) implements Operation {
        public String op() {
            return "off_hours";
        }

        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * Moves a location {@code km} away in a random direction; writes the distance into
     * {@code distanceColumn} when the data has that column.
     */
    record JumpLocation(String latColumn, String lonColumn, Range km, String distanceColumn, boolean ifPresent)
            implements Operation {
        public String op() {
            return "jump_location";
        }

        public List<String> columns() {
            return List.of(latColumn, lonColumn);
        }
    }

    /** Writes the number of rows of the burst the row belongs to (1 for a modified row). */
    record BurstSize(String column, boolean ifPresent) implements Operation {
        public String op() {
            return "burst_size";
        }

        public List<String> columns() {
            return List.of(column);
        }
    }
}
