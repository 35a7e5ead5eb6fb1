package io.sentinelrisk.bench.features;

import io.sentinelrisk.core.io.AtomicFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic SOC-telemetry-shaped event log for the feature benchmarks, in the column layout
 * of the soc pack (event_id, user, timestamp, event_type, success, hour, bytes_in, bytes_out,
 * device_id, device_trusted, country, lat, lon, scenario, label): {@code users} users over 30
 * days, logins and transfers, a few devices and countries per user.
 */
public final class SocEvents {
    private static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "NG", "AU", "CA"};
    private static final double[][] PLACES = {{40.7, -74.0}, {52.5, 13.4}, {48.9, 2.35}, {51.5, -0.13}, {35.7, 139.7},
            {-23.5, -46.6}, {19.1, 72.9}, {6.5, 3.4}, {-33.9, 151.2}, {43.7, -79.4}};

    /** Columns of one generated event, kept in memory for the streaming benchmark. */
    public record Columns(long[] ts, String[] user, String[] eventType, boolean[] success, double[] hour, double[] bytesIn,
                          double[] bytesOut, String[] device, String[] country, double[] lat, double[] lon) {
    }

    private SocEvents() {
    }

    public static Columns generate(int n, int users, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Columns c = new Columns(new long[n], new String[n], new String[n], new boolean[n], new double[n], new double[n],
                new double[n], new String[n], new String[n], new double[n], new double[n]);
        String[] userNames = new String[users];
        for (int u = 0; u < users; u++) {
            userNames[u] = "user" + u;
        }
        long t = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        long span = 30L * 86_400_000L;
        double step = (double) span / n;
        for (int i = 0; i < n; i++) {
            t += (long) (-Math.log(1 - rnd.nextDouble()) * step);
            int u = rnd.nextInt(users);
            int home = u % COUNTRIES.length;
            int place = rnd.nextInt(40) == 0 ? rnd.nextInt(COUNTRIES.length) : home;
            boolean transfer = rnd.nextInt(3) == 0;
            c.ts()[i] = t;
            c.user()[i] = userNames[u];
            c.eventType()[i] = transfer ? "transfer" : "login";
            c.success()[i] = rnd.nextInt(10) != 0;
            c.hour()[i] = (int) ((t / 3_600_000L + home) % 24);
            c.bytesIn()[i] = 200 + rnd.nextInt(20_000);
            c.bytesOut()[i] = transfer ? 1_000 + rnd.nextInt(500_000) : 100 + rnd.nextInt(2_000);
            c.device()[i] = "dev" + u + "_" + (rnd.nextInt(8) == 0 ? rnd.nextInt(4) : 0);
            c.country()[i] = COUNTRIES[place];
            c.lat()[i] = Math.round((PLACES[place][0] + rnd.nextDouble() * 0.2 - 0.1) * 1e4) / 1e4;
            c.lon()[i] = Math.round((PLACES[place][1] + rnd.nextDouble() * 0.2 - 0.1) * 1e4) / 1e4;
        }
        return c;
    }

    public static void writeCsv(Columns c, Path file) throws IOException {
        AtomicFile.write(file, os -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
            w.write("event_id,user,timestamp,event_type,success,hour,bytes_in,bytes_out,device_id,device_trusted,country,lat,lon,scenario,label\n");
            StringBuilder sb = new StringBuilder(160);
            for (int i = 0; i < c.ts().length; i++) {
                sb.setLength(0);
                sb.append('e').append(i).append(',').append(c.user()[i]).append(',').append(Instant.ofEpochMilli(c.ts()[i])).append(',')
                        .append(c.eventType()[i]).append(',').append(c.success()[i]).append(',').append((int) c.hour()[i]).append(',')
                        .append((long) c.bytesIn()[i]).append(',').append((long) c.bytesOut()[i]).append(',').append(c.device()[i]).append(',')
                        .append(i % 7 != 0).append(',').append(c.country()[i]).append(',')
                        .append(String.format(Locale.ROOT, "%.4f,%.4f", c.lat()[i], c.lon()[i])).append(",normal,0\n");
                w.write(sb.toString());
            }
            w.flush();
        });
    }
}
