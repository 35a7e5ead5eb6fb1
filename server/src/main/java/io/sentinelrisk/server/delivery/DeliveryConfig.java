package io.sentinelrisk.server.delivery;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.LocatedYaml;
import io.sentinelrisk.core.config.YamlNode;
import io.sentinelrisk.core.export.format.ExportFormat;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Alert delivery settings (docs/delivery.md): the routes, the retry policy, the size of each
 * route's queue and how long shutdown waits for queued deliveries. Read from YAML or JSON as data
 * (the product's located reader); unknown keys, wrong types and unset environment variables are
 * errors naming the file, line and column.
 */
public record DeliveryConfig(List<DeliveryRoute> routes, RetryPolicy retry, int queueCapacity, Duration shutdownDrain) {
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Duration DEFAULT_SHUTDOWN_DRAIN = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Set<String> TOP_KEYS = Set.of("routes", "retry", "queue_capacity", "shutdown_drain");
    static final Set<String> RETRY_KEYS = Set.of("max_attempts", "initial_backoff", "multiplier", "max_backoff");
    static final Set<String> ROUTE_KEYS = Set.of("name", "url", "format", "min_severity", "categories", "headers", "timeout",
            "routing_key", "sourcetype", "index");
    /** Headers the HTTP client sets itself (java.net.http refuses them). */
    static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    public DeliveryConfig {
        routes = List.copyOf(routes);
    }

    /** No routes: nothing is delivered. */
    public static DeliveryConfig none() {
        return new DeliveryConfig(List.of(), RetryPolicy.DEFAULT, DEFAULT_QUEUE_CAPACITY, DEFAULT_SHUTDOWN_DRAIN);
    }

    /** Reads a file whose top level is the delivery settings; secrets from {@code env} (System::getenv). */
    public static DeliveryConfig read(Path file, Function<String, String> env) {
        return of(LocatedYaml.read(file), env);
    }

    /** Parses YAML text (tests, and a server config that embeds the section as text). */
    public static DeliveryConfig parse(String yaml, String source, Function<String, String> env) {
        return of(LocatedYaml.parse(yaml, source, false), env);
    }

    /** The delivery settings from their mapping (the file's top level, or a {@code delivery:} section of a server config). */
    public static DeliveryConfig of(YamlNode node, Function<String, String> env) {
        ConfigReader r = new ConfigReader(env);
        YamlNode.Mapping top = ConfigReader.mapping(node, "delivery settings");
        ConfigReader.onlyKeys(top, TOP_KEYS, "the delivery settings");
        Map<String, YamlNode> e = top.entries();
        RetryPolicy retry = e.containsKey("retry") ? retry(e.get("retry")) : RetryPolicy.DEFAULT;
        int capacity = e.containsKey("queue_capacity") ? ConfigReader.positiveInt(e.get("queue_capacity"), "queue_capacity", 10_000_000)
                : DEFAULT_QUEUE_CAPACITY;
        Duration drain = e.containsKey("shutdown_drain") ? ConfigReader.duration(e.get("shutdown_drain"), "shutdown_drain")
                : DEFAULT_SHUTDOWN_DRAIN;
        List<DeliveryRoute> routes = new ArrayList<>();
        if (e.containsKey("routes")) {
            if (!(e.get("routes") instanceof YamlNode.Sequence seq)) {
                throw new ConfigException(e.get("routes").location(), "routes: expected a list of routes, found " + e.get("routes").describe());
            }
            Set<String> names = new HashSet<>();
            for (YamlNode item : seq.items()) {
                DeliveryRoute route = route(item, r);
                if (!names.add(route.name())) {
                    throw new ConfigException(item.location(), "routes: the name '" + route.name() + "' is used twice");
                }
                routes.add(route);
            }
        }
        return new DeliveryConfig(routes, retry, capacity, drain);
    }

    private static RetryPolicy retry(YamlNode node) {
        YamlNode.Mapping m = ConfigReader.mapping(node, "retry");
        ConfigReader.onlyKeys(m, RETRY_KEYS, "retry");
        Map<String, YamlNode> e = m.entries();
        RetryPolicy d = RetryPolicy.DEFAULT;
        int attempts = e.containsKey("max_attempts") ? ConfigReader.positiveInt(e.get("max_attempts"), "retry.max_attempts", 100)
                : d.maxAttempts();
        Duration initial = e.containsKey("initial_backoff") ? ConfigReader.duration(e.get("initial_backoff"), "retry.initial_backoff")
                : d.initialBackoff();
        double multiplier = e.containsKey("multiplier") ? ConfigReader.number(e.get("multiplier"), "retry.multiplier", 1.0, 10.0)
                : d.multiplier();
        Duration max = e.containsKey("max_backoff") ? ConfigReader.duration(e.get("max_backoff"), "retry.max_backoff") : d.maxBackoff();
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(e.get("max_backoff").location(), "retry.max_backoff must be at least retry.initial_backoff");
        }
        return new RetryPolicy(attempts, initial, multiplier, max);
    }

    private static DeliveryRoute route(YamlNode node, ConfigReader r) {
        YamlNode.Mapping m = ConfigReader.mapping(node, "a route");
        ConfigReader.onlyKeys(m, ROUTE_KEYS, "a route");
        Map<String, YamlNode> e = m.entries();
        for (String required : List.of("name", "url", "format")) {
            if (!e.containsKey(required)) {
                throw new ConfigException(m.location(), "a route needs '" + required + "' (required: name, url, format)");
            }
        }
        String name = ConfigReader.text(e.get("name"), "name");
        if (!name.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new ConfigException(e.get("name").location(), "name: expected 1-100 letters, digits, '_', '.', '-', found '" + name + "'");
        }
        String where = "routes[" + name + "].";
        URI url = url(e.get("url"), r.secretText(e.get("url"), where + "url"), where);
        String formatName = ConfigReader.text(e.get("format"), where + "format");
        ExportFormat format = ExportFormat.byId(formatName);
        if (format == null) {
            throw new ConfigException(e.get("format").location(), where + "format: expected one of "
                    + String.join(", ", ExportFormat.ids()) + ", found '" + formatName + "'");
        }
        Severity min = Severity.INFO;
        if (e.containsKey("min_severity")) {
            String s = ConfigReader.text(e.get("min_severity"), where + "min_severity");
            try {
                min = Severity.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(e.get("min_severity").location(), where + "min_severity: expected info, medium, high or critical, found '" + s + "'");
            }
        }
        Set<String> categories = e.containsKey("categories")
                ? new LinkedHashSet<>(ConfigReader.texts(e.get("categories"), where + "categories")) : Set.of();
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.containsKey("headers")) {
            YamlNode.Mapping h = ConfigReader.mapping(e.get("headers"), where + "headers");
            for (Map.Entry<String, YamlNode> header : h.entries().entrySet()) {
                String key = header.getKey();
                if (!key.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || RESTRICTED_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(h.keys().get(key), where + "headers: '" + key + "' cannot be set (not a header name, "
                            + "or one the HTTP client sets itself: " + String.join(", ", RESTRICTED_HEADERS.stream().sorted().toList()) + ")");
                }
                String value = r.secretText(header.getValue(), where + "headers." + key);
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new ConfigException(header.getValue().location(), where + "headers." + key + ": a header value cannot hold a line break");
                }
                headers.put(key, value);
            }
        }
        Duration timeout = e.containsKey("timeout") ? ConfigReader.duration(e.get("timeout"), where + "timeout") : DEFAULT_TIMEOUT;
        String routingKey = e.containsKey("routing_key") ? r.secretText(e.get("routing_key"), where + "routing_key") : null;
        if (format == ExportFormat.PAGERDUTY && routingKey == null) {
            throw new ConfigException(m.location(), where + "routing_key is required by the pagerduty format "
                    + "(write it as ${env:NAME} to keep it out of the file)");
        }
        for (String only : List.of("routing_key", "sourcetype", "index")) {
            boolean fits = only.equals("routing_key") ? format == ExportFormat.PAGERDUTY : format == ExportFormat.HEC;
            if (e.containsKey(only) && !fits) {
                throw new ConfigException(m.keys().get(only), where + only + " goes with the "
                        + (only.equals("routing_key") ? "pagerduty" : "hec") + " format, not " + format.id());
            }
        }
        String sourcetype = e.containsKey("sourcetype") ? ConfigReader.text(e.get("sourcetype"), where + "sourcetype") : null;
        String index = e.containsKey("index") ? ConfigReader.text(e.get("index"), where + "index") : null;
        return new DeliveryRoute(name, url, format, min, categories, headers, timeout, routingKey, sourcetype, index);
    }

    private static URI url(YamlNode node, String text, String where) {
        try {
            URI u = new URI(text);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new ConfigException(node.location(), where + "url: expected an http:// or https:// address with a host");
            }
            return u;
        } catch (URISyntaxException ex) {
            // the message would echo the URL, which may hold a secret
            throw new ConfigException(node.location(), where + "url: not a valid address (at character " + ex.getIndex() + ")");
        }
    }
}
