package io.sentinelrisk.synth.soc;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.synth.FrameBuilder;
import io.sentinelrisk.synth.Geo;
import io.sentinelrisk.synth.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The people behind the events: habits and baselines that normal activity is drawn around. */
final class UserCatalogue {
    final int size;
    final List<String> names;
    final boolean[] highRisk;
    /** Usual local login hour (fractional). */
    final double[] habitHour;
    /** Spread of the login hour around the habit, in hours. */
    final double[] hourSpread;
    /** Median bytes in / out of a normal successful login. */
    final double[] baseIn;
    final double[] baseOut;
    final int[] city;
    final double[] homeLat;
    final double[] homeLon;
    /** Standard deviation of the location jitter around home, in degrees. */
    final double[] jitterDeg;
    final double[] pLoginFailure;
    final double[] pUntrustedDevice;

    UserCatalogue(int n, double highRiskFraction, long seed) {
        size = n;
        names = new ArrayList<>(n);
        highRisk = new boolean[n];
        habitHour = new double[n];
        hourSpread = new double[n];
        baseIn = new double[n];
        baseOut = new double[n];
        city = new int[n];
        homeLat = new double[n];
        homeLon = new double[n];
        jitterDeg = new double[n];
        pLoginFailure = new double[n];
        pUntrustedDevice = new double[n];
        SplittableRandom rng = Seeds.stream(seed, 1);
        int highRiskCount = (int) Math.round(n * highRiskFraction);
        int width = Math.max(4, Integer.toString(n).length());
        for (int u = 0; u < n; u++) {
            names.add("u" + "0".repeat(Math.max(0, width - Integer.toString(u + 1).length())) + (u + 1));
            // Every k-th user is high-risk, so the count is exact and they spread over the catalogue.
            highRisk[u] = highRiskCount > 0 && (long) u * highRiskCount / n != (long) (u + 1) * highRiskCount / n;
            boolean risky = highRisk[u];
            habitHour[u] = risky ? Seeds.uniform(rng, 7, 20) : Seeds.uniform(rng, 7, 11);
            hourSpread[u] = risky ? Seeds.uniform(rng, 1.5, 2.5) : Seeds.uniform(rng, 0.6, 1.2);
            baseIn[u] = Seeds.round(Seeds.logNormal(rng, 60_000, 0.5), 0);
            baseOut[u] = Seeds.round(Seeds.logNormal(rng, 15_000, 0.5), 0);
            city[u] = rng.nextInt(Geo.CITIES.size());
            Geo.City c = Geo.CITIES.get(city[u]);
            homeLat[u] = c.lat() + 0.08 * rng.nextGaussian();
            homeLon[u] = c.lon() + 0.08 * rng.nextGaussian();
            jitterDeg[u] = risky ? 0.05 : 0.01;
            pLoginFailure[u] = risky ? 0.08 : 0.03;
            pUntrustedDevice[u] = risky ? 0.08 : 0.02;
        }
    }

    Geo.City homeCity(int u) {
        return Geo.CITIES.get(city[u]);
    }

    /** The catalogue as a frame: one row per user. */
    Frame toFrame() {
        int[] user = new int[size];
        double[] risky = new double[size];
        double[] hour = new double[size];
        double[] in = new double[size];
        double[] out = new double[size];
        int[] cityCode = new int[size];
        int[] country = new int[size];
        double[] lat = new double[size];
        double[] lon = new double[size];
        double[] offset = new double[size];
        List<String> cityNames = new ArrayList<>();
        for (Geo.City c : Geo.CITIES) {
            cityNames.add(c.name());
        }
        for (int u = 0; u < size; u++) {
            user[u] = u;
            risky[u] = highRisk[u] ? 1 : 0;
            hour[u] = Seeds.round(habitHour[u], 2);
            in[u] = baseIn[u];
            out[u] = baseOut[u];
            cityCode[u] = city[u];
            country[u] = Geo.countryCode(homeCity(u));
            lat[u] = Seeds.round(homeLat[u], 5);
            lon[u] = Seeds.round(homeLon[u], 5);
            offset[u] = homeCity(u).utcOffsetHours();
        }
        return new FrameBuilder()
                .categorical("user", user, names, ColumnRole.ID)
                .bool("high_risk", risky, ColumnRole.FEATURE)
                .numeric("login_hour", hour, ColumnRole.FEATURE)
                .numeric("bytes_in_baseline", in, ColumnRole.FEATURE)
                .numeric("bytes_out_baseline", out, ColumnRole.FEATURE)
                .categorical("home_city", cityCode, cityNames, ColumnRole.FEATURE)
                .categorical("country", country, Geo.COUNTRIES, ColumnRole.FEATURE)
                .numeric("home_lat", lat, ColumnRole.FEATURE)
                .numeric("home_lon", lon, ColumnRole.FEATURE)
                .numeric("utc_offset_hours", offset, ColumnRole.FEATURE)
                .build();
    }
}
