package io.sentinelrisk.features.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Small synthetic data sets in the input schemas of the shipped packs. */
public final class PackData {
    private PackData() {
    }

    private static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "JP", "BR"};
    private static final double[][] PLACES = {{40.7, -74.0}, {52.5, 13.4}, {48.9, 2.35}, {51.5, -0.13}, {35.7, 139.7}, {-23.5, -46.6}};

    /** SOC telemetry: event_id,user,timestamp,event_type,success,hour,bytes_in,bytes_out,device_id,device_trusted,country,lat,lon,scenario,label. */
    public static Path soc(Path file, long seed, int n, int users) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("event_id,user,timestamp,event_type,success,hour,bytes_in,bytes_out,device_id,device_trusted,country,lat,lon,scenario,label");
        long t = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            t += (long) (rnd.nextDouble() * 600_000) / (rnd.nextInt(5) == 0 ? 1 : 1000) * (rnd.nextInt(5) == 0 ? 1 : 1000);
            int u = rnd.nextInt(users);
            int home = u % COUNTRIES.length;
            boolean travel = rnd.nextInt(20) == 0;
            int place = travel ? rnd.nextInt(COUNTRIES.length) : home;
            String type = rnd.nextInt(3) == 0 ? "transfer" : "login";
            boolean ok = rnd.nextInt(8) != 0;
            int hour = (int) ((t / 3_600_000L) % 24);
            String dev = "dev" + u + "_" + (rnd.nextInt(10) == 0 ? rnd.nextInt(5) : 0);
            lines.add(String.format(Locale.ROOT, "e%d,user%d,%s,%s,%s,%d,%d,%d,%s,%s,%s,%.4f,%.4f,normal,0", i, u, Instant.ofEpochMilli(t), type, ok,
                    hour, 500 + rnd.nextInt(5000), type.equals("transfer") ? 1000 + rnd.nextInt(100_000) : 200 + rnd.nextInt(300), dev,
                    rnd.nextInt(6) != 0, COUNTRIES[place], PLACES[place][0] + rnd.nextGaussian() * 0.1, PLACES[place][1] + rnd.nextGaussian() * 0.1));
        }
        return write(file, lines);
    }

    /** Web sessions (the synth generator's layout, fewer columns). */
    public static Path webSessions(Path file, long seed, int n) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("session_id,user_id,timestamp,device_type,click_events,scroll_events,touch_events,keyboard_events,time_on_page,"
                + "page_views,screen_width,transactions,transaction_amount,mouse_movement");
        long t = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
        int[] widths = {375, 768, 1366, 1920, 2560};
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(900_000);
            boolean desktop = rnd.nextBoolean();
            boolean buys = rnd.nextInt(3) == 0;
            double time = rnd.nextInt(8) == 0 ? rnd.nextInt(30) : 30 + rnd.nextInt(1800);
            lines.add(String.format(Locale.ROOT, "s%d,u%d,%s,%s,%d,%d,%s,%d,%.1f,%d,%d,%s,%s,%s", i, rnd.nextInt(30), Instant.ofEpochMilli(t),
                    desktop ? "desktop" : "mobile", rnd.nextInt(60), rnd.nextInt(40), desktop ? "" : Integer.toString(rnd.nextInt(50)),
                    rnd.nextInt(200), time, 1 + rnd.nextInt(25), widths[rnd.nextInt(widths.length)], buys ? "1" : "0",
                    buys ? String.format(Locale.ROOT, "%.2f", Math.exp(rnd.nextGaussian() + 5)) : "",
                    desktop ? Integer.toString(rnd.nextInt(5000)) : ""));
        }
        return write(file, lines);
    }

    /** Card transactions: transaction_id,card_id,timestamp,amount,merchant_id,country. */
    public static Path transactions(Path file, long seed, int n) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("transaction_id,card_id,timestamp,amount,merchant_id,country");
        long t = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(3_600_000);
            int card = rnd.nextInt(20);
            lines.add(String.format(Locale.ROOT, "t%d,c%d,%s,%.2f,m%d,%s", i, card, Instant.ofEpochMilli(t),
                    Math.exp(rnd.nextGaussian() * 0.8 + 3), rnd.nextInt(4) == 0 ? rnd.nextInt(200) : card % 7,
                    COUNTRIES[rnd.nextInt(12) == 0 ? rnd.nextInt(COUNTRIES.length) : card % COUNTRIES.length]));
        }
        return write(file, lines);
    }

    /** Metric series: series,timestamp,value (two series, 5-minute steps). */
    public static Path metrics(Path file, long seed, int n) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("series,timestamp,value");
        long t = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            String s = i % 2 == 0 ? "cpu" : "latency";
            if (i % 2 == 0) {
                t += 300_000;
            }
            double v = (s.equals("cpu") ? 40 : 120) + 10 * Math.sin(i / 50.0) + rnd.nextGaussian() * 3 + (rnd.nextInt(100) == 0 ? 50 : 0);
            lines.add(String.format(Locale.ROOT, "%s,%s,%.3f", s, Instant.ofEpochMilli(t).toString().replace('T', ' ').replace("Z", ""), v));
        }
        return write(file, lines);
    }

    private static Path write(Path file, List<String> lines) {
        try {
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
