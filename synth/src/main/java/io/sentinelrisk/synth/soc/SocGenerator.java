package io.sentinelrisk.synth.soc;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;
import io.sentinelrisk.synth.FrameBuilder;
import io.sentinelrisk.synth.Geo;
import io.sentinelrisk.synth.Seeds;
import io.sentinelrisk.synth.TimeOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Security-operations events: logins and transfers of a catalogue of users, each acting around
 * their own habits, with attacks planted among them (see {@link SocAttack}).
 *
 * <p>Every user draws from a random stream of their own, so the rows for a seed are the same for
 * any number of threads. Rows are written straight into primitive arrays; the only per-row work
 * after drawing is one sort by time.
 */
public final class SocGenerator {
    /** Columns of the events frame, in order. */
    public static final List<String> EVENT_COLUMNS = List.of("event_id", "user", "timestamp", "event_type", "success",
            "hour", "bytes_in", "bytes_out", "device_id", "device_trusted", "country", "lat", "lon", "failed_attempts",
            "geo_distance_km", "scenario", "label");
    /** Columns of the user catalogue, in order. */
    public static final List<String> USER_COLUMNS = List.of("user", "high_risk", "login_hour", "bytes_in_baseline",
            "bytes_out_baseline", "home_city", "country", "home_lat", "home_lon", "utc_offset_hours");
    /** Values of the {@code scenario} column: "normal", then the attacks' ids. */
    public static final List<String> SCENARIOS = List.of("normal", SocAttack.DATA_EXFILTRATION.id(),
            SocAttack.IMPOSSIBLE_TRAVEL.id(), SocAttack.BRUTE_FORCE.id());
    public static final List<String> EVENT_TYPES = List.of("login", "transfer");

    static final int LOGIN = 0;
    static final int TRANSFER = 1;
    /** Device slots per user: 2 trusted devices, then 4 new (untrusted) ones a user may show up with. */
    static final int TRUSTED_DEVICES = 2;
    static final int DEVICE_SLOTS = 6;
    /** An impossible-travel login is at least this far from home. */
    static final double MIN_TRAVEL_KM = 2500;
    /** ...and at most this long after the event before it. */
    static final long MAX_TRAVEL_GAP_S = 90 * 60;
    private static final long DAY_S = 86_400;
    private static final long USER_STREAM_BASE = 1L << 40;
    /** The stream that picks the rows whose label is flipped (label noise). */
    private static final long NOISE_STREAM = (1L << 41) + 7;

    /** Hard data: normal hours spread this much wider, byte counts this much wider, and this share of events roam. */
    static final double HARD_HOUR_SPREAD = 1.6;
    static final double HARD_SIGMA = 1.7;
    static final double HARD_ROAMING = 0.02;

    private SocGenerator() {
    }

    public static SocData generate(SocConfig config) {
        return generate(config, Parallel.defaultThreads());
    }

    /** As {@link #generate(SocConfig)} on up to {@code threads} threads; the result does not depend on it. */
    public static SocData generate(SocConfig config, int threads) {
        return generate(config, config.totalEvents(), config.attackEvents(), threads);
    }

    /**
     * A labeled data set for demonstrations: exactly {@code samples} rows, exactly
     * {@code anomalies} of them attacks (exfiltration, impossible travel and brute-force storms
     * in about equal shares; storms need 60 or more anomalies to appear), the rest normal
     * activity of about samples/100 users. Its FEATURE columns are numeric or boolean except
     * event_type; on them an isolation forest ranks the attacks far above normal rows.
     */
    public static Frame demo(int samples, int anomalies, long seed) {
        if (samples < 2) {
            throw new InputException("--samples: expected an integer ≥ 2, found " + samples);
        }
        if (anomalies < 0 || anomalies > samples / 2) {
            throw new InputException("--anomalies: expected an integer in [0, " + samples / 2 + "] (at most half of --samples), found " + anomalies);
        }
        int users = Math.max(1, Math.min(1000, samples / 100));
        SocConfig config = SocConfig.defaults().withUsers(users).withEventsPerUser(Math.max(1, samples / users))
                .withRandomState(seed);
        return generate(config, samples, anomalies, Parallel.defaultThreads()).events();
    }

    static SocData generate(SocConfig config, int total, int attacks, int threads) {
        if (attacks > total) {
            throw new InputException("attack rows (" + attacks + ") exceed the number of events (" + total + ")");
        }
        int users = config.nUsers();
        UserCatalogue catalogue = new UserCatalogue(users, config.highRiskFraction(), config.randomState());
        AttackPlan plan = AttackPlan.plan(attacks, config.attacks(), users, config.randomState());
        int normal = total - attacks;
        int[] normalCount = new int[users];
        int[] offset = new int[users + 1];
        for (int u = 0; u < users; u++) {
            normalCount[u] = normal / users + (u < normal % users ? 1 : 0);
            offset[u + 1] = offset[u] + normalCount[u] + plan.userRows[u];
        }
        Draft draft = new Draft(total);
        long startS = config.start().getEpochSecond();
        Parallel.forRange(users, threads, 8, (from, to) -> {
            for (int u = from; u < to; u++) {
                new UserWriter(draft, catalogue, plan, u, config, startS).write(offset[u], normalCount[u]);
            }
        });
        return new SocData(draft.toFrame(catalogue, plan.incidents(), config), catalogue.toFrame());
    }

    /** The rows as drawn, grouped by user; {@link #toFrame} sorts them by time. */
    private static final class Draft {
        final long[] ts;
        final int[] user;
        final byte[] type;
        final byte[] success;
        final byte[] hour;
        final double[] in;
        final double[] out;
        final int[] device;
        final byte[] trusted;
        final byte[] country;
        final double[] lat;
        final double[] lon;
        final short[] failed;
        final byte[] scenario;

        Draft(int n) {
            ts = new long[n];
            user = new int[n];
            type = new byte[n];
            success = new byte[n];
            hour = new byte[n];
            in = new double[n];
            out = new double[n];
            device = new int[n];
            trusted = new byte[n];
            country = new byte[n];
            lat = new double[n];
            lon = new double[n];
            failed = new short[n];
            scenario = new byte[n];
        }

        Frame toFrame(UserCatalogue users, int incidents, SocConfig config) {
            int n = ts.length;
            // Sort by (time, draw order), then gather column by column: each pass reads one
            // array at random and writes one in order, which caches far better than all at once.
            int[] perm = TimeOrder.permutation(ts);
            double[] eventId = new double[n];
            long[] millis = new long[n];
            int[] userCol = new int[n];
            int[] typeCol = new int[n];
            double[] successCol = new double[n];
            double[] hourCol = new double[n];
            double[] trustedCol = new double[n];
            int[] countryCol = new int[n];
            double[] failedCol = new double[n];
            int[] scenarioCol = new int[n];
            double[] labelCol = new double[n];
            for (int r = 0; r < n; r++) {
                int i = perm[r];
                eventId[r] = r + 1;
                millis[r] = ts[i] * 1000;
            }
            for (int r = 0; r < n; r++) {
                int i = perm[r];
                userCol[r] = user[i];
                typeCol[r] = type[i];
                successCol[r] = success[i];
                hourCol[r] = hour[i];
            }
            for (int r = 0; r < n; r++) {
                int i = perm[r];
                trustedCol[r] = trusted[i];
                countryCol[r] = country[i];
                failedCol[r] = failed[i];
                scenarioCol[r] = scenario[i];
                labelCol[r] = scenario[i] == 0 ? 0 : 1;
            }
            if (config.labelNoise() > 0) {
                // wrong labels, drawn in time order from a stream of their own; scenario stays true
                SplittableRandom noise = Seeds.stream(config.randomState(), NOISE_STREAM);
                for (int r = 0; r < n; r++) {
                    if (noise.nextDouble() < config.labelNoise()) {
                        labelCol[r] = 1 - labelCol[r];
                    }
                }
            }
            double[] inCol = gather(in, perm, 0);
            double[] outCol = gather(out, perm, 0);
            double[] latCol = gather(lat, perm, 5);
            double[] lonCol = gather(lon, perm, 5);
            // Device ids are numbered by first appearance, so the dictionary holds only used devices.
            int[] deviceCol = new int[n];
            int[] deviceRemap = new int[users.size * DEVICE_SLOTS + incidents];
            Arrays.fill(deviceRemap, -1);
            List<String> devices = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                int dev = device[perm[r]];
                if (deviceRemap[dev] < 0) {
                    deviceRemap[dev] = devices.size();
                    devices.add(deviceName(dev, users));
                }
                deviceCol[r] = deviceRemap[dev];
            }
            double[] geoCol = new double[n];
            double[] lastLat = new double[users.size];
            double[] lastLon = new double[users.size];
            Arrays.fill(lastLat, Double.NaN);
            for (int r = 0; r < n; r++) {
                int u = userCol[r];
                geoCol[r] = Double.isNaN(lastLat[u]) ? 0
                        : Seeds.round(Geo.distanceKm(lastLat[u], lastLon[u], latCol[r], lonCol[r]), 2);
                lastLat[u] = latCol[r];
                lastLon[u] = lonCol[r];
            }
            return new FrameBuilder()
                    .numeric("event_id", eventId, ColumnRole.ID)
                    .categorical("user", userCol, users.names, ColumnRole.ID)
                    .timestamp("timestamp", millis, ColumnRole.ID)
                    .categorical("event_type", typeCol, EVENT_TYPES, ColumnRole.FEATURE)
                    .bool("success", successCol, ColumnRole.FEATURE)
                    .numeric("hour", hourCol, ColumnRole.FEATURE)
                    .numeric("bytes_in", inCol, ColumnRole.FEATURE)
                    .numeric("bytes_out", outCol, ColumnRole.FEATURE)
                    .categorical("device_id", deviceCol, devices, ColumnRole.ID)
                    .bool("device_trusted", trustedCol, ColumnRole.FEATURE)
                    .categorical("country", countryCol, Geo.COUNTRIES, ColumnRole.IGNORE)
                    .numeric("lat", latCol, ColumnRole.IGNORE)
                    .numeric("lon", lonCol, ColumnRole.IGNORE)
                    .numeric("failed_attempts", failedCol, ColumnRole.FEATURE)
                    .numeric("geo_distance_km", geoCol, ColumnRole.FEATURE)
                    .categorical("scenario", scenarioCol, SCENARIOS, ColumnRole.IGNORE)
                    .numeric("label", labelCol, ColumnRole.LABEL)
                    .build();
        }

        /** values[perm[r]] for every r, rounded to {@code decimals} (values are already whole when 0). */
        private static double[] gather(double[] values, int[] perm, int decimals) {
            double[] out = new double[perm.length];
            for (int r = 0; r < perm.length; r++) {
                double v = values[perm[r]];
                out[r] = decimals == 0 ? v : Seeds.round(v, decimals);
            }
            return out;
        }

        private static String deviceName(int code, UserCatalogue users) {
            int userDevices = users.size * DEVICE_SLOTS;
            if (code >= userDevices) {
                String hex = Integer.toHexString(code - userDevices);
                return "x-" + "0".repeat(Math.max(0, 5 - hex.length())) + hex;
            }
            int u = code / DEVICE_SLOTS;
            int slot = code % DEVICE_SLOTS;
            return (slot < TRUSTED_DEVICES ? "d-" : "n-") + users.names.get(u).substring(1) + "-" + (slot + 1);
        }
    }

    /** Draws the rows of one user into the draft's range [from, from + count). */
    private static final class UserWriter {
        private final Draft d;
        private final UserCatalogue users;
        private final AttackPlan plan;
        private final int u;
        private final SocConfig config;
        private final long startS;
        private final SplittableRandom rng;
        private final Geo.City home;
        private final long homeOffsetS;
        private final byte homeCountry;

        UserWriter(Draft d, UserCatalogue users, AttackPlan plan, int u, SocConfig config, long startS) {
            this.d = d;
            this.users = users;
            this.plan = plan;
            this.u = u;
            this.config = config;
            this.startS = startS;
            this.rng = Seeds.stream(config.randomState(), USER_STREAM_BASE + u);
            this.home = users.homeCity(u);
            this.homeOffsetS = offsetSeconds(home);
            this.homeCountry = (byte) Geo.countryCode(home);
        }

        void write(int from, int normals) {
            for (int i = from; i < from + normals; i++) {
                d.ts[i] = normalTime();
            }
            Arrays.sort(d.ts, from, from + normals);
            for (int i = from; i < from + normals; i++) {
                normalRow(i);
            }
            int pos = from + normals;
            // Travel goes last: it is placed between an event and the next one, so it must know them all.
            for (int k = plan.userStart[u]; k < plan.userStart[u + 1]; k++) {
                int incident = plan.byUser[k];
                switch (plan.kind[incident]) {
                    case DATA_EXFILTRATION -> exfiltration(pos++, incident);
                    case BRUTE_FORCE -> {
                        storm(pos, plan.rows[incident], incident);
                        pos += plan.rows[incident];
                    }
                    case IMPOSSIBLE_TRAVEL -> {
                    }
                }
            }
            for (int k = plan.userStart[u]; k < plan.userStart[u + 1]; k++) {
                int incident = plan.byUser[k];
                if (plan.kind[incident] == SocAttack.IMPOSSIBLE_TRAVEL) {
                    travel(pos, from, normals, incident);
                    pos++;
                }
            }
        }

        private long normalTime() {
            double spread = users.hourSpread[u] * (config.hard() ? HARD_HOUR_SPREAD : 1);
            double h = users.habitHour[u] + spread * rng.nextGaussian();
            long local = Math.floorMod((long) Math.floor(h * 3600), DAY_S);
            return atLocal(rng.nextInt(config.days()), local, homeOffsetS);
        }

        /** The instant of {@code localSecond} on day {@code day}, day 0 being the first local day that starts at or after the start. */
        private long atLocal(int day, long localSecond, long offsetS) {
            long dayZero = startS + Math.floorMod(-(startS + offsetS), DAY_S);
            return dayZero + day * DAY_S + localSecond;
        }

        private void normalRow(int i) {
            d.user[i] = u;
            boolean login = rng.nextDouble() >= 0.25;
            d.type[i] = (byte) (login ? LOGIN : TRANSFER);
            d.hour[i] = localHour(d.ts[i], homeOffsetS);
            if (login) {
                boolean ok = rng.nextDouble() >= users.pLoginFailure[u] * (config.hard() ? 2 : 1);
                d.success[i] = (byte) (ok ? 1 : 0);
                if (ok) {
                    d.failed[i] = (short) (rng.nextDouble() < 0.04 ? 1 : 0);
                    d.in[i] = bytes(users.baseIn[u], sigma(0.35));
                    d.out[i] = bytes(users.baseOut[u], sigma(0.35));
                } else {
                    d.failed[i] = (short) (1 + rng.nextInt(3));
                    d.in[i] = bytes(1500, 0.3);
                    d.out[i] = bytes(800, 0.3);
                }
            } else {
                d.success[i] = (byte) (rng.nextDouble() >= 0.01 ? 1 : 0);
                d.failed[i] = 0;
                d.in[i] = bytes(users.baseIn[u] * 0.5, sigma(0.35));
                d.out[i] = bytes(users.baseOut[u] * 3, sigma(0.5));
            }
            if (rng.nextDouble() < users.pUntrustedDevice[u] * (config.hard() ? 2 : 1)) {
                d.device[i] = u * DEVICE_SLOTS + TRUSTED_DEVICES + rng.nextInt(DEVICE_SLOTS - TRUSTED_DEVICES);
                d.trusted[i] = 0;
            } else {
                d.device[i] = u * DEVICE_SLOTS + rng.nextInt(TRUSTED_DEVICES);
                d.trusted[i] = 1;
            }
            atHome(i);
            if (config.hard() && rng.nextDouble() < HARD_ROAMING) {
                // a legitimate event far from home (travel, a VPN exit): normal rows with long distances
                Geo.City city = Geo.CITIES.get(rng.nextInt(Geo.CITIES.size()));
                d.lat[i] = city.lat() + 0.05 * rng.nextGaussian();
                d.lon[i] = city.lon() + 0.05 * rng.nextGaussian();
                d.country[i] = (byte) Geo.countryCode(city);
            }
            d.scenario[i] = 0;
        }

        /** Hard data spreads normal byte counts wider. */
        private double sigma(double normal) {
            return config.hard() ? normal * HARD_SIGMA : normal;
        }

        /** Hard data: half the attacks come from one of the user's own untrusted devices, not an attacker's. */
        private void hardDevice(int i, int incident) {
            if (rng.nextBoolean()) {
                d.device[i] = u * DEVICE_SLOTS + TRUSTED_DEVICES + rng.nextInt(DEVICE_SLOTS - TRUSTED_DEVICES);
                d.trusted[i] = 0;
            } else {
                attackerDevice(i, incident);
            }
        }

        /** Late at night, at home, many times the usual outbound bytes, from a device never seen before. */
        private void exfiltration(int i, int incident) {
            // 22:00–05:00 local time
            long local = Math.floorMod(22 * 3600L + rng.nextLong(7 * 3600L), DAY_S);
            d.ts[i] = config.hard() ? normalTime() : atLocal(rng.nextInt(config.days()), local, homeOffsetS);
            d.user[i] = u;
            d.type[i] = TRANSFER;
            d.success[i] = 1;
            d.hour[i] = localHour(d.ts[i], homeOffsetS);
            d.in[i] = bytes(users.baseIn[u] * 0.5, 0.35);
            // hard: 6–18 × the usual outbound bytes, inside the spread of a noisy user's transfers
            d.out[i] = Seeds.round(users.baseOut[u] * (config.hard() ? 3 * Seeds.logUniform(rng, 2, 6)
                    : Seeds.logUniform(rng, 50, 500)), 0);
            d.failed[i] = 0;
            if (config.hard()) {
                hardDevice(i, incident);
            } else {
                attackerDevice(i, incident);
            }
            atHome(i);
            d.scenario[i] = (byte) (1 + SocAttack.DATA_EXFILTRATION.ordinal());
        }

        /** 20–50 failed logins a few seconds apart from one untrusted device somewhere in the world. */
        private void storm(int from, int size, int incident) {
            if (config.hard()) {
                slowStorm(from, size, incident);
                return;
            }
            Geo.City city = Geo.CITIES.get(rng.nextInt(Geo.CITIES.size()));
            long offset = offsetSeconds(city);
            long t = atLocal(rng.nextInt(config.days()), rng.nextLong(DAY_S), offsetSeconds(home));
            double lat = city.lat() + 0.05 * rng.nextGaussian();
            double lon = city.lon() + 0.05 * rng.nextGaussian();
            for (int i = from; i < from + size; i++) {
                d.ts[i] = t;
                t += 2 + rng.nextInt(9);
                d.user[i] = u;
                d.type[i] = LOGIN;
                d.success[i] = 0;
                d.hour[i] = localHour(d.ts[i], offset);
                d.in[i] = bytes(900, 0.2);
                d.out[i] = bytes(400, 0.2);
                d.failed[i] = (short) size;
                attackerDevice(i, incident);
                d.lat[i] = lat;
                d.lon[i] = lon;
                d.country[i] = (byte) Geo.countryCode(city);
                d.scenario[i] = (byte) (1 + SocAttack.BRUTE_FORCE.ordinal());
            }
        }

        /**
         * Hard data's brute force: the same number of failed logins, but slow (30 s – 5 min apart),
         * each row reporting 1–3 failures as a normal failed login does, half from near the user's
         * home (a proxy in their city) and half from the user's own untrusted devices: only
         * the failures per user over a window give it away.
         */
        private void slowStorm(int from, int size, int incident) {
            boolean nearHome = rng.nextBoolean();
            Geo.City city = nearHome ? home : Geo.CITIES.get(rng.nextInt(Geo.CITIES.size()));
            long offset = offsetSeconds(city);
            long t = atLocal(rng.nextInt(config.days()), rng.nextLong(DAY_S), offsetSeconds(home));
            int ownSlot = rng.nextBoolean() ? TRUSTED_DEVICES + rng.nextInt(DEVICE_SLOTS - TRUSTED_DEVICES) : -1;
            for (int i = from; i < from + size; i++) {
                d.ts[i] = t;
                t += 30 + rng.nextInt(270);
                d.user[i] = u;
                d.type[i] = LOGIN;
                d.success[i] = 0;
                d.hour[i] = localHour(d.ts[i], offset);
                d.in[i] = bytes(1500, 0.3);
                d.out[i] = bytes(800, 0.3);
                d.failed[i] = (short) (1 + rng.nextInt(3));
                if (ownSlot >= 0) {
                    d.device[i] = u * DEVICE_SLOTS + ownSlot;
                    d.trusted[i] = 0;
                } else {
                    attackerDevice(i, incident);
                }
                if (nearHome) {
                    atHome(i);
                } else {
                    d.lat[i] = city.lat() + 0.05 * rng.nextGaussian();
                    d.lon[i] = city.lon() + 0.05 * rng.nextGaussian();
                    d.country[i] = (byte) Geo.countryCode(city);
                }
                d.scenario[i] = (byte) (1 + SocAttack.BRUTE_FORCE.ordinal());
            }
        }

        /**
         * A successful login from a city at least {@link #MIN_TRAVEL_KM} from home, at most
         * {@link #MAX_TRAVEL_GAP_S} after one of the user's normal events and before the event
         * that follows it, so that it is that event the distance and speed are measured from.
         */
        private void travel(int i, int from, int normals, int incident) {
            Geo.City city;
            do {
                city = Geo.CITIES.get(rng.nextInt(Geo.CITIES.size()));
            } while (Geo.distanceKm(users.homeLat[u], users.homeLon[u], city.lat(), city.lon()) < MIN_TRAVEL_KM);
            long t = -1;
            for (int attempt = 0; attempt < 32 && normals > 0 && t < 0; attempt++) {
                int a = from + rng.nextInt(normals);
                long anchor = d.ts[a];
                long next = a + 1 < from + normals ? d.ts[a + 1] : Long.MAX_VALUE;
                for (int j = from + normals; j < i; j++) {
                    if (d.ts[j] >= anchor) {
                        next = Math.min(next, d.ts[j]);
                    }
                }
                if (next - anchor >= 120) {
                    long gap = 600 + rng.nextLong(MAX_TRAVEL_GAP_S - 600);
                    t = anchor + Math.min(gap, (next - anchor) / 2);
                }
            }
            if (t < 0) {
                // Too few events to slot into (tiny data sets): any time will do.
                t = atLocal(rng.nextInt(config.days()), rng.nextLong(DAY_S), homeOffsetS);
            }
            long offset = offsetSeconds(city);
            d.ts[i] = t;
            d.user[i] = u;
            d.type[i] = LOGIN;
            d.success[i] = 1;
            d.hour[i] = localHour(t, offset);
            d.in[i] = bytes(users.baseIn[u], 0.35);
            d.out[i] = bytes(users.baseOut[u], 0.35);
            d.failed[i] = 0;
            if (config.hard()) {
                hardDevice(i, incident);
            } else {
                attackerDevice(i, incident);
            }
            d.lat[i] = city.lat() + 0.05 * rng.nextGaussian();
            d.lon[i] = city.lon() + 0.05 * rng.nextGaussian();
            d.country[i] = (byte) Geo.countryCode(city);
            d.scenario[i] = (byte) (1 + SocAttack.IMPOSSIBLE_TRAVEL.ordinal());
        }

        private void attackerDevice(int i, int incident) {
            d.device[i] = users.size * DEVICE_SLOTS + incident;
            d.trusted[i] = 0;
        }

        private void atHome(int i) {
            double j = users.jitterDeg[u];
            d.lat[i] = users.homeLat[u] + j * rng.nextGaussian();
            d.lon[i] = users.homeLon[u] + j * rng.nextGaussian() / Math.max(0.2, Math.cos(Math.toRadians(users.homeLat[u])));
            d.country[i] = homeCountry;
        }

        private double bytes(double median, double sigma) {
            return Math.max(64, Math.rint(Seeds.logNormal(rng, median, sigma)));
        }

        private static byte localHour(long epochS, long offsetS) {
            return (byte) (Math.floorMod(epochS + offsetS, DAY_S) / 3600);
        }

        private static long offsetSeconds(Geo.City c) {
            return Math.round(c.utcOffsetHours() * 3600);
        }
    }
}
