package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;

/**
 * Parses the timestamp forms the reader understands, straight from bytes, to epoch
 * milliseconds (UTC):
 * <ul>
 *   <li>a date: {@code 2024-03-01} (midnight UTC);</li>
 *   <li>a date and time separated by {@code T} or a space: {@code 2024-03-01T12:30},
 *       {@code 2024-03-01 12:30:15}, {@code 2024-03-01T12:30:15.250} (fractions beyond
 *       milliseconds are truncated);</li>
 *   <li>either followed by a zone when a time is given: {@code Z}, {@code +01:00},
 *       {@code -0500}, {@code +01}. No zone means UTC.</li>
 * </ul>
 * Calendar fields are range-checked ({@code 2024-02-30} is not a timestamp).
 */
final class TimestampParser {
    private TimestampParser() {
    }

    /** Returned when the text is not a timestamp. */
    static final long NOT_A_TIMESTAMP = Column.Timestamp.MISSING;

    static long parse(byte[] b, int from, int to) {
        // yyyy-MM-dd
        if (to - from < 10 || b[from + 4] != '-' || b[from + 7] != '-') {
            return NOT_A_TIMESTAMP;
        }
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return NOT_A_TIMESTAMP;
        }
        long millis = daysFromCivil(year, month, day) * 86_400_000L;
        int i = from + 10;
        if (i == to) {
            return millis;
        }
        byte sep = b[i];
        if (sep != 'T' && sep != 't' && sep != ' ') {
            return NOT_A_TIMESTAMP;
        }
        i++;
        // HH:mm[:ss[.fff]]
        if (to - i < 5 || b[i + 2] != ':') {
            return NOT_A_TIMESTAMP;
        }
        int hour = digits(b, i, 2);
        int minute = digits(b, i + 3, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return NOT_A_TIMESTAMP;
        }
        millis += hour * 3_600_000L + minute * 60_000L;
        i += 5;
        if (i < to && b[i] == ':') {
            if (to - i < 3) {
                return NOT_A_TIMESTAMP;
            }
            int second = digits(b, i + 1, 2);
            if (second < 0 || second > 59) {
                return NOT_A_TIMESTAMP;
            }
            millis += second * 1000L;
            i += 3;
            if (i < to && (b[i] == '.' || b[i] == ',')) {
                i++;
                int fractionDigits = 0;
                int ms = 0;
                while (i < to && b[i] >= '0' && b[i] <= '9') {
                    if (fractionDigits < 3) {
                        ms = ms * 10 + (b[i] - '0');
                    }
                    fractionDigits++;
                    i++;
                }
                if (fractionDigits == 0) {
                    return NOT_A_TIMESTAMP;
                }
                for (int k = fractionDigits; k < 3; k++) {
                    ms *= 10;
                }
                millis += ms;
            }
        }
        if (i == to) {
            return millis;
        }
        // zone
        byte z = b[i];
        if ((z == 'Z' || z == 'z') && i + 1 == to) {
            return millis;
        }
        if (z != '+' && z != '-') {
            return NOT_A_TIMESTAMP;
        }
        int rest = to - i - 1;
        int offHour;
        int offMinute = 0;
        if (rest == 2) {
            offHour = digits(b, i + 1, 2);
        } else if (rest == 4) {
            offHour = digits(b, i + 1, 2);
            offMinute = digits(b, i + 3, 2);
        } else if (rest == 5 && b[i + 3] == ':') {
            offHour = digits(b, i + 1, 2);
            offMinute = digits(b, i + 4, 2);
        } else {
            return NOT_A_TIMESTAMP;
        }
        if (offHour < 0 || offHour > 18 || offMinute < 0 || offMinute > 59) {
            return NOT_A_TIMESTAMP;
        }
        long offset = offHour * 3_600_000L + offMinute * 60_000L;
        return z == '+' ? millis - offset : millis + offset;
    }

    /** The unsigned decimal in {@code count} bytes at {@code at}, or -1 if one is not a digit. */
    private static int digits(byte[] b, int at, int count) {
        int v = 0;
        for (int k = 0; k < count; k++) {
            int d = b[at + k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
