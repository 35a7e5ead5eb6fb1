package io.sentinelrisk.features.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random event logs for the property tests: a few users, times that hit window edges exactly,
 * many ties, idle gaps longer than the TTL, repeated and missing values. Columns:
 * {@code id,user,ts,kind,ok,amount,device,lat,lon}.
 */
public final class EventLogs {
    public static final String HEADER = "id,user,ts,kind,ok,amount,device,lat,lon";

    /** Gaps between one user's consecutive events, in ms: ties, edges of 1h/24h windows and of a 2d TTL. */
    private static final long[] STEPS = {0, 0, 0, 1, 1_000, 60_000, 1_800_000, 3_600_000, 3_600_000, 3_599_999, 3_600_001,
            21_600_000, 86_400_000, 86_400_000, 86_399_999, 108_000_000, 172_800_000, 172_800_001, 259_200_000};

    public record Event(long ts, String line) {
    }

    private EventLogs() {
    }

    /** {@code n} events over {@code users} users, in time order, ties shuffled. */
    public static List<Event> generate(long seed, int n, int users) {
        Random rnd = new Random(seed);
        long start = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli() + rnd.nextInt(86_400_000);
        long[] now = new long[users];
        for (int u = 0; u < users; u++) {
            now[u] = start + rnd.nextInt(3_600_000);
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int u = rnd.nextInt(users);
            now[u] += STEPS[rnd.nextInt(STEPS.length)];
            long ts = now[u];
            String kind = rnd.nextInt(3) == 0 ? "transfer" : "login";
            String ok = switch (rnd.nextInt(7)) {
                case 0 -> "";
                case 1, 2 -> "false";
                default -> "true";
            };
            String amount = switch (rnd.nextInt(9)) {
                case 0 -> "";
                case 1 -> "0";
                case 2, 3 -> "10";
                case 4 -> "5";
                case 5 -> "20";
                default -> String.format(java.util.Locale.ROOT, "%.4f", Math.exp(rnd.nextGaussian() * 1.5 + 3));
            };
            String device = rnd.nextInt(8) == 0 ? "" : "d" + (1 + rnd.nextInt(4));
            String lat = rnd.nextInt(10) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.5f", rnd.nextDouble() * 140 - 70);
            String lon = rnd.nextInt(10) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.5f", rnd.nextDouble() * 360 - 180);
            String time = Instant.ofEpochMilli(ts).toString();
            events.add(new Event(ts, "%s,u%d,%s,%s,%s,%s,%s,%s,%s".formatted("e" + i, u, time, kind, ok, amount, device, lat, lon)));
        }
        List<Event> sorted = new ArrayList<>(events);
        Collections.shuffle(sorted, rnd);
        sorted.sort(Comparator.comparingLong(Event::ts));
        return sorted;
    }

    public static Path write(Path file, List<Event> events) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Event e : events) {
            lines.add(e.line());
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A spec with every kind of feature over these logs. */
    public static final String ALL_KINDS_SPEC = """
            name: all-kinds
            entity: user
            timestamp: ts
            entity_ttl: 2d
            columns:
              kind: string
              ok: boolean
              amount: numeric
              device: string
              lat: numeric
              lon: numeric
            features:
              - {name: n_1h, type: count, window: 1h}
              - {name: n_24h, type: count, window: 24h}
              - {name: logins_24h, type: count, window: 24h, where: "kind = 'login'"}
              - {name: failed_24h, type: count, window: 24h, where: "kind = 'login' and not ok"}
              - {name: failed_ratio, expr: "failed_24h / logins_24h"}
              - {name: amount_n_24h, type: count, of: amount, window: 24h}
              - {name: amount_sum_1h, type: sum, of: amount, window: 1h}
              - {name: amount_mean_24h, type: mean, of: amount, window: 24h}
              - {name: amount_std_24h, type: std, of: amount, window: 24h}
              - {name: amount_min_24h, type: min, of: amount, window: 24h}
              - {name: amount_max_5e, type: max, of: amount, window: 5 events}
              - {name: amount_mean_3e, type: mean, of: amount, window: 3 events, where: ok}
              - {name: amount_sum_4e, type: sum, of: "amount * 2 + 1", window: 4 events}
              - {name: devices_24h, type: distinct_count, of: device, window: 24h}
              - {name: devices_4e, type: distinct_count, of: device, window: 4 events}
              - {name: amounts_distinct_24h, type: distinct_count, of: amount, window: 24h}
              - {name: same_device_24h, type: count, window: 24h, by: device}
              - {name: same_device_logins_1h, type: count, window: 1h, by: device, where: "kind = 'login'"}
              - {name: same_ok_24h, type: count, window: 24h, by: ok}
              - {name: same_amount_2d, type: count, of: lat, window: 2d, by: amount}
              - {name: amount_p90_24h, type: quantile, of: amount, window: 24h, q: 0.9}
              - {name: amount_med_6e, type: quantile, of: amount, window: 6 events, q: 0.5}
              - {name: amount_z_24h, type: zscore, of: amount, window: 24h}
              - {name: amount_z_login, type: zscore, of: amount, window: 24h, where: "kind = 'login'"}
              - {name: amount_z_5e, type: zscore, of: amount, window: 5 events}
              - {name: since_last, type: time_since_previous}
              - {name: since_failed, type: time_since_previous, where: "not ok"}
              - {name: prev_lat, type: previous, of: lat}
              - {name: prev_lon, type: previous, of: lon}
              - {name: prev_ok_amount, type: previous, of: amount, where: ok}
              - {name: prev_device, type: previous, of: device, output: false}
              - {name: device_changed, flag: "device != prev_device"}
              - {name: km, expr: "haversine_km(prev_lat, prev_lon, lat, lon)"}
              - {name: kmh, expr: "km / (since_last / 3600)"}
              - {name: night, flag: "hour(ts) < 6 or hour(ts) >= 22"}
              - {name: weekend, flag: "day_of_week(ts) >= 6"}
              - {name: big, flag: "amount > amount_p90_24h"}
              - {name: mix, expr: "if(ok, sqrt(amount - 6), -ln(amount)) + least(amount, 50) - greatest(abs(amount - 10), 1) + coalesce(amount_min_24h, 0) / 3"}
              - {name: tri, flag: "not (amount between 5 and 20) or device in ('d1', 'd2') or amount is null"}
              - {name: tri2, expr: "(ok = (amount > 10)) + floor(amount / 7) * ceil(amount / 3) - log10(amount)"}
            """;
}
