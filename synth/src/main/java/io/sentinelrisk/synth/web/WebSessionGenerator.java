package io.sentinelrisk.synth.web;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.util.Parallel;
import io.sentinelrisk.synth.Bursts;
import io.sentinelrisk.synth.FrameBuilder;
import io.sentinelrisk.synth.Geo;
import io.sentinelrisk.synth.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Browser sessions with the signals a web-session risk model reads (interaction counts, device
 * sensors, screen, browser, locale, geolocation, purchase amount), missing where a real browser
 * would not report them, with bots, account takeovers and emulators among them.
 *
 * <p>Besides the signals, each session has a user (a pool of sessions / 10 users), page views,
 * the screen width (from screen_size) and a purchase count (1 when transaction_amount is given).
 *
 * <p>Missing values of normal sessions: mouse_movement on phones and tablets (no mouse);
 * touch_events, device_motion and device_orientation on desktops (no touch screen or sensors);
 * device_motion on 10% of phones and tablets besides (motion permission refused);
 * geolocation_city on 35% (location permission refused); transaction_amount on 60% (no
 * purchase); browser_info 2%, language 1%, timezone_offset 1%, screen_size 0.5% (blocked by
 * privacy settings).
 */
public final class WebSessionGenerator {
    public static final List<String> COLUMNS = List.of("session_id", "user_id", "timestamp", "device_type",
            "click_events", "scroll_events", "touch_events", "keyboard_events", "device_motion", "time_on_page",
            "page_views", "screen_size", "screen_width", "browser_info", "language", "timezone_offset",
            "device_orientation", "geolocation_city", "transactions", "transaction_amount", "mouse_movement",
            "scenario", "label");
    /** Sessions per user on average: the user pool has sessions / 10 users. */
    static final int SESSIONS_PER_USER = 10;
    public static final List<String> SCENARIOS = List.of("normal", "bot", "account_takeover", "emulator");
    public static final List<String> DEVICE_TYPES = List.of("desktop", "mobile", "tablet");
    public static final List<String> ORIENTATIONS = List.of("portrait", "landscape");

    static final int DESKTOP = 0;
    static final int MOBILE = 1;
    static final int TABLET = 2;
    static final int BOT = 1;
    static final int TAKEOVER = 2;
    static final int EMULATOR = 3;

    /** Missing-value rates of normal sessions, besides those that follow from the device type. */
    public static final double P_NO_GEOLOCATION = 0.35;
    public static final double P_NO_PURCHASE = 0.60;
    public static final double P_NO_MOTION_PERMISSION = 0.10;
    public static final double P_NO_BROWSER_INFO = 0.02;
    public static final double P_NO_LANGUAGE = 0.01;
    public static final double P_NO_TIMEZONE = 0.01;
    public static final double P_NO_SCREEN = 0.005;

    static final List<String> SCREENS = List.of(
            "1920x1080", "1366x768", "2560x1440", "1536x864", "1440x900", // desktop 0–4
            "390x844", "414x896", "360x800", "412x915", // mobile 5–8
            "810x1080", "768x1024", "820x1180", // tablet 9–11
            "800x600", "1080x1920"); // headless default, emulator default
    private static final int[][] SCREENS_BY_DEVICE = {{0, 1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11}};
    private static final int HEADLESS_SCREEN = 12;
    private static final int EMULATOR_SCREEN = 13;

    static final List<String> BROWSERS = List.of("Chrome 120", "Safari 17", "Firefox 121", "Edge 120",
            "Samsung Internet 23", "HeadlessChrome 120");
    private static final int[][] BROWSERS_BY_DEVICE = {{0, 0, 0, 1, 2, 3}, {0, 0, 1, 1, 4}, {0, 1, 1}};
    private static final int HEADLESS = 5;

    /** A language, the share of sessions that use it, and the cities (indices into Geo.CITIES) its users are in. */
    private record Locale(String language, double weight, int... cities) {
    }

    private static final List<Locale> LOCALES = List.of(
            new Locale("en-US", 0.35, city("New York"), city("Chicago"), city("San Francisco")),
            new Locale("en-GB", 0.12, city("London")),
            new Locale("de-DE", 0.10, city("Berlin"), city("Frankfurt")),
            new Locale("fr-FR", 0.08, city("Paris")),
            new Locale("es-ES", 0.07, city("Madrid")),
            new Locale("pt-BR", 0.08, city("Sao Paulo")),
            new Locale("ja-JP", 0.07, city("Tokyo")),
            new Locale("en-IN", 0.08, city("Mumbai"), city("Bangalore")),
            new Locale("en-AU", 0.05, city("Sydney"), city("Melbourne")));
    /** Where account takeovers come from: far from any en-US user. */
    private static final int[] TAKEOVER_CITIES = {city("Lagos"), city("Moscow"), city("Jakarta"), city("Istanbul")};

    private static final int BLOCK = 4096;

    private WebSessionGenerator() {
    }

    private static int city(String name) {
        for (int i = 0; i < Geo.CITIES.size(); i++) {
            if (Geo.CITIES.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no city " + name);
    }

    public static Frame generate(WebSessionConfig config) {
        return generate(config, Parallel.defaultThreads());
    }

    /** The result does not depend on {@code threads}. */
    public static Frame generate(WebSessionConfig config, int threads) {
        int n = config.sessions();
        SplittableRandom plan = Seeds.stream(config.randomState(), 1);
        long startMs = config.start().toEpochMilli();
        long spanMs = config.days() * 86_400_000L;
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = startMs + (plan.nextLong(spanMs) / 1000) * 1000;
        }
        Arrays.sort(ts);
        byte[] scenario = new byte[n];
        int k = config.anomalies();
        int[] attackRows = Bursts.choose(n, k, plan);
        Bursts.shuffle(attackRows, plan);
        for (int j = 0; j < k; j++) {
            // equal shares: bot, account_takeover, emulator, bot, ...
            scenario[attackRows[j]] = (byte) (1 + j % 3);
        }
        Rows rows = new Rows(n);
        int users = Math.max(1, n / SESSIONS_PER_USER);
        int blocks = (n + BLOCK - 1) / BLOCK;
        Parallel.forRange(blocks, threads, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                SplittableRandom rng = Seeds.stream(config.randomState(), 1000L + b);
                for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                    switch (scenario[i]) {
                        case BOT -> rows.bot(i, rng);
                        case TAKEOVER -> rows.takeover(i, rng);
                        case EMULATOR -> rows.emulator(i, rng);
                        default -> rows.normal(i, rng);
                    }
                    rows.user[i] = rng.nextInt(users);
                }
            }
        });
        double[] id = new double[n];
        double[] label = new double[n];
        int[] scenarioCode = new int[n];
        double[] transactions = new double[n];
        double[] screenWidth = new double[n];
        double[] widthOf = new double[SCREENS.size()];
        for (int sc = 0; sc < widthOf.length; sc++) {
            widthOf[sc] = Double.parseDouble(SCREENS.get(sc).substring(0, SCREENS.get(sc).indexOf('x')));
        }
        for (int i = 0; i < n; i++) {
            id[i] = i + 1;
            scenarioCode[i] = scenario[i];
            label[i] = scenario[i] == 0 ? 0 : 1;
            transactions[i] = Double.isNaN(rows.amount[i]) ? 0 : 1;
            screenWidth[i] = rows.screen[i] < 0 ? Double.NaN : widthOf[rows.screen[i]];
        }
        int width = Math.max(5, Integer.toString(users).length());
        List<String> userNames = new ArrayList<>(users);
        for (int u = 1; u <= users; u++) {
            String t = Integer.toString(u);
            userNames.add("w" + "0".repeat(Math.max(0, width - t.length())) + t);
        }
        List<String> languages = new ArrayList<>();
        for (Locale l : LOCALES) {
            languages.add(l.language());
        }
        List<String> cities = new ArrayList<>();
        for (Geo.City c : Geo.CITIES) {
            cities.add(c.name());
        }
        return new FrameBuilder()
                .numeric("session_id", id, ColumnRole.ID)
                .categorical("user_id", rows.user, userNames, ColumnRole.ID)
                .timestamp("timestamp", ts, ColumnRole.ID)
                .categorical("device_type", rows.device, DEVICE_TYPES, ColumnRole.FEATURE)
                .numeric("click_events", rows.clicks, ColumnRole.FEATURE)
                .numeric("scroll_events", rows.scrolls, ColumnRole.FEATURE)
                .numeric("touch_events", rows.touches, ColumnRole.FEATURE)
                .numeric("keyboard_events", rows.keys, ColumnRole.FEATURE)
                .numeric("device_motion", rows.motion, ColumnRole.FEATURE)
                .numeric("time_on_page", rows.timeOnPage, ColumnRole.FEATURE)
                .numeric("page_views", rows.pages, ColumnRole.FEATURE)
                .categorical("screen_size", rows.screen, SCREENS, ColumnRole.FEATURE)
                .numeric("screen_width", screenWidth, ColumnRole.FEATURE)
                .categorical("browser_info", rows.browser, BROWSERS, ColumnRole.FEATURE)
                .categorical("language", rows.language, languages, ColumnRole.FEATURE)
                .numeric("timezone_offset", rows.tz, ColumnRole.FEATURE)
                .categorical("device_orientation", rows.orientation, ORIENTATIONS, ColumnRole.FEATURE)
                .categorical("geolocation_city", rows.city, cities, ColumnRole.FEATURE)
                .numeric("transactions", transactions, ColumnRole.FEATURE)
                .numeric("transaction_amount", rows.amount, ColumnRole.FEATURE)
                .numeric("mouse_movement", rows.mouse, ColumnRole.FEATURE)
                .categorical("scenario", scenarioCode, SCENARIOS, ColumnRole.IGNORE)
                .numeric("label", label, ColumnRole.LABEL)
                .build();
    }

    /** The column arrays; each method fills one row. */
    private static final class Rows {
        final int[] device;
        final double[] clicks;
        final double[] scrolls;
        final double[] touches;
        final double[] keys;
        final double[] motion;
        final double[] timeOnPage;
        final int[] screen;
        final int[] browser;
        final int[] language;
        final double[] tz;
        final int[] orientation;
        final int[] city;
        final double[] amount;
        final double[] mouse;
        final double[] pages;
        final int[] user;

        Rows(int n) {
            pages = new double[n];
            user = new int[n];
            device = new int[n];
            clicks = new double[n];
            scrolls = new double[n];
            touches = new double[n];
            keys = new double[n];
            motion = new double[n];
            timeOnPage = new double[n];
            screen = new int[n];
            browser = new int[n];
            language = new int[n];
            tz = new double[n];
            orientation = new int[n];
            city = new int[n];
            amount = new double[n];
            mouse = new double[n];
        }

        void normal(int i, SplittableRandom rng) {
            double u = rng.nextDouble();
            int dev = u < 0.50 ? DESKTOP : u < 0.92 ? MOBILE : TABLET;
            device[i] = dev;
            double t = Math.max(2, Seeds.logNormal(rng, 45, 0.8));
            timeOnPage[i] = Seeds.round(t, 1);
            pages[i] = 1 + poisson(rng, t / 40);
            clicks[i] = poisson(rng, t / 10);
            scrolls[i] = poisson(rng, t / 5);
            keys[i] = poisson(rng, dev == DESKTOP ? t / 3 : t / 6);
            if (dev == DESKTOP) {
                touches[i] = Double.NaN;
                motion[i] = Double.NaN;
                orientation[i] = -1;
                mouse[i] = Math.rint(Seeds.logNormal(rng, 80 * t, 0.5));
            } else {
                touches[i] = poisson(rng, t / 4);
                motion[i] = rng.nextDouble() < P_NO_MOTION_PERMISSION ? Double.NaN : Seeds.round(Seeds.logNormal(rng, 0.3, 0.6), 3);
                orientation[i] = rng.nextDouble() < (dev == MOBILE ? 0.85 : 0.4) ? 0 : 1;
                mouse[i] = Double.NaN;
            }
            int[] screens = SCREENS_BY_DEVICE[dev];
            screen[i] = rng.nextDouble() < P_NO_SCREEN ? -1 : screens[rng.nextInt(screens.length)];
            int[] browsers = BROWSERS_BY_DEVICE[dev];
            browser[i] = rng.nextDouble() < P_NO_BROWSER_INFO ? -1 : browsers[rng.nextInt(browsers.length)];
            int loc = pickLocale(rng);
            int[] cities = LOCALES.get(loc).cities();
            int c = cities[rng.nextInt(cities.length)];
            language[i] = rng.nextDouble() < P_NO_LANGUAGE ? -1 : loc;
            tz[i] = rng.nextDouble() < P_NO_TIMEZONE ? Double.NaN : Geo.CITIES.get(c).utcOffsetHours() * 60;
            city[i] = rng.nextDouble() < P_NO_GEOLOCATION ? -1 : c;
            amount[i] = rng.nextDouble() < P_NO_PURCHASE ? Double.NaN : Seeds.round(Seeds.logNormal(rng, 60, 0.9), 2);
        }

        /** A headless browser: a burst of clicks in a few seconds, no scrolling, typing or mouse path. */
        void bot(int i, SplittableRandom rng) {
            device[i] = DESKTOP;
            double t = Seeds.uniform(rng, 0.5, 4);
            timeOnPage[i] = Seeds.round(t, 1);
            pages[i] = 20 + rng.nextInt(81);
            clicks[i] = 40 + rng.nextInt(260);
            scrolls[i] = 0;
            keys[i] = 0;
            touches[i] = Double.NaN;
            motion[i] = Double.NaN;
            orientation[i] = -1;
            mouse[i] = rng.nextInt(30);
            screen[i] = HEADLESS_SCREEN;
            browser[i] = HEADLESS;
            language[i] = 0;
            tz[i] = 0;
            city[i] = -1;
            amount[i] = rng.nextDouble() < 0.2 ? Seeds.round(Seeds.uniform(rng, 1, 5), 2) : Double.NaN;
        }

        /**
         * Someone else in the account: an en-US profile whose clock and location are on another
         * continent, heading straight to a large purchase.
         */
        void takeover(int i, SplittableRandom rng) {
            normal(i, rng);
            double t = Seeds.uniform(rng, 8, 30);
            timeOnPage[i] = Seeds.round(t, 1);
            pages[i] = 2 + rng.nextInt(3);
            clicks[i] = poisson(rng, 6);
            keys[i] = poisson(rng, 3);
            int c = TAKEOVER_CITIES[rng.nextInt(TAKEOVER_CITIES.length)];
            language[i] = 0;
            tz[i] = Geo.CITIES.get(c).utcOffsetHours() * 60;
            city[i] = rng.nextDouble() < 0.5 ? c : -1;
            amount[i] = Seeds.round(Seeds.logNormal(rng, 1500, 0.5), 2);
        }

        /** A phone emulator on a desktop: a phone without motion or touch, driven by a mouse. */
        void emulator(int i, SplittableRandom rng) {
            device[i] = MOBILE;
            double t = Math.max(2, Seeds.logNormal(rng, 30, 0.5));
            timeOnPage[i] = Seeds.round(t, 1);
            pages[i] = 1 + poisson(rng, t / 20);
            clicks[i] = poisson(rng, t / 2);
            scrolls[i] = poisson(rng, t / 5);
            keys[i] = poisson(rng, t / 2);
            touches[i] = 0;
            motion[i] = 0;
            orientation[i] = 0;
            mouse[i] = Math.rint(Seeds.logNormal(rng, 80 * t, 0.5));
            screen[i] = EMULATOR_SCREEN;
            browser[i] = 0;
            int loc = pickLocale(rng);
            int[] cities = LOCALES.get(loc).cities();
            int c = cities[rng.nextInt(cities.length)];
            language[i] = loc;
            tz[i] = Geo.CITIES.get(c).utcOffsetHours() * 60;
            city[i] = -1;
            amount[i] = Seeds.round(Seeds.logNormal(rng, 250, 0.6), 2);
        }

        private static int pickLocale(SplittableRandom rng) {
            double u = rng.nextDouble();
            for (int l = 0; l < LOCALES.size() - 1; l++) {
                u -= LOCALES.get(l).weight();
                if (u < 0) {
                    return l;
                }
            }
            return LOCALES.size() - 1;
        }

        /** Poisson by inversion for small means, a rounded normal approximation for large ones. */
        private static double poisson(SplittableRandom rng, double mean) {
            if (mean > 50) {
                return Math.max(0, Math.rint(mean + Math.sqrt(mean) * rng.nextGaussian()));
            }
            double l = Math.exp(-mean);
            double p = rng.nextDouble();
            int k = 0;
            double term = l;
            double cdf = l;
            while (p > cdf && k < 1000) {
                k++;
                term *= mean / k;
                cdf += term;
            }
            return k;
        }
    }
}
