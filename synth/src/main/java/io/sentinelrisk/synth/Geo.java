package io.sentinelrisk.synth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Great-circle geometry and a small table of world cities that generated people live in. */
public final class Geo {
    public static final double EARTH_RADIUS_KM = 6371.0088;

    /** A city: ISO 3166 alpha-2 country, coordinates and its standard-time UTC offset in hours. */
    public record City(String name, String country, double lat, double lon, double utcOffsetHours) {
    }

    /** Spread over every inhabited continent so that an "impossible" jump always has somewhere to go. */
    public static final List<City> CITIES = List.of(
            new City("New York", "US", 40.7128, -74.0060, -5),
            new City("Chicago", "US", 41.8781, -87.6298, -6),
            new City("San Francisco", "US", 37.7749, -122.4194, -8),
            new City("Toronto", "CA", 43.6532, -79.3832, -5),
            new City("Vancouver", "CA", 49.2827, -123.1207, -8),
            new City("Mexico City", "MX", 19.4326, -99.1332, -6),
            new City("Sao Paulo", "BR", -23.5505, -46.6333, -3),
            new City("Buenos Aires", "AR", -34.6037, -58.3816, -3),
            new City("Bogota", "CO", 4.7110, -74.0721, -5),
            new City("London", "GB", 51.5074, -0.1278, 0),
            new City("Dublin", "IE", 53.3498, -6.2603, 0),
            new City("Paris", "FR", 48.8566, 2.3522, 1),
            new City("Berlin", "DE", 52.5200, 13.4050, 1),
            new City("Frankfurt", "DE", 50.1109, 8.6821, 1),
            new City("Madrid", "ES", 40.4168, -3.7038, 1),
            new City("Milan", "IT", 45.4642, 9.1900, 1),
            new City("Amsterdam", "NL", 52.3676, 4.9041, 1),
            new City("Zurich", "CH", 47.3769, 8.5417, 1),
            new City("Stockholm", "SE", 59.3293, 18.0686, 1),
            new City("Warsaw", "PL", 52.2297, 21.0122, 1),
            new City("Athens", "GR", 37.9838, 23.7275, 2),
            new City("Istanbul", "TR", 41.0082, 28.9784, 3),
            new City("Moscow", "RU", 55.7558, 37.6173, 3),
            new City("Cairo", "EG", 30.0444, 31.2357, 2),
            new City("Lagos", "NG", 6.5244, 3.3792, 1),
            new City("Nairobi", "KE", -1.2921, 36.8219, 3),
            new City("Johannesburg", "ZA", -26.2041, 28.0473, 2),
            new City("Dubai", "AE", 25.2048, 55.2708, 4),
            new City("Mumbai", "IN", 19.0760, 72.8777, 5.5),
            new City("Bangalore", "IN", 12.9716, 77.5946, 5.5),
            new City("Singapore", "SG", 1.3521, 103.8198, 8),
            new City("Hong Kong", "HK", 22.3193, 114.1694, 8),
            new City("Shanghai", "CN", 31.2304, 121.4737, 8),
            new City("Seoul", "KR", 37.5665, 126.9780, 9),
            new City("Tokyo", "JP", 35.6762, 139.6503, 9),
            new City("Jakarta", "ID", -6.2088, 106.8456, 7),
            new City("Sydney", "AU", -33.8688, 151.2093, 10),
            new City("Melbourne", "AU", -37.8136, 144.9631, 10),
            new City("Auckland", "NZ", -36.8485, 174.7633, 12));

    /** The countries of {@link #CITIES}, in table order, without repeats. */
    public static final List<String> COUNTRIES = List.copyOf(new LinkedHashSet<>(countries()));

    private Geo() {
    }

    private static List<String> countries() {
        List<String> out = new ArrayList<>();
        for (City c : CITIES) {
            out.add(c.country());
        }
        return out;
    }

    public static int countryCode(City city) {
        return COUNTRIES.indexOf(city.country());
    }

    /** Great-circle distance in km (haversine). */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * asin(Math.min(1, Math.sqrt(a)));
    }

    /**
     * asin, by its Taylor series for the small arguments of nearby points (x &lt; 0.01, under
     * ~130 km: the first omitted term is below 1e-14 relative) and by Math.asin otherwise; most
     * distances generated are between nearby points, and Math.asin is slow.
     */
    private static double asin(double x) {
        if (x < 0.01) {
            double x2 = x * x;
            return x * (1 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (15.0 / 336))));
        }
        return Math.asin(x);
    }

    /**
     * The point reached from (lat, lon) by travelling {@code km} along the initial bearing
     * {@code bearingDeg}; written into {@code out[0..1]} as lat, lon (lon in [-180, 180)).
     */
    public static void destination(double lat, double lon, double bearingDeg, double km, double[] out) {
        double d = km / EARTH_RADIUS_KM;
        double p1 = Math.toRadians(lat);
        double l1 = Math.toRadians(lon);
        double b = Math.toRadians(bearingDeg);
        double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
        double l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
        out[0] = Math.toDegrees(p2);
        out[1] = ((Math.toDegrees(l2) + 540) % 360) - 180;
    }
}
