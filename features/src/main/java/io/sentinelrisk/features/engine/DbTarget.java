package io.sentinelrisk.features.engine;

import io.sentinelrisk.core.error.InputException;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Where the feature store's tables live and where batch SQL runs: embedded DuckDB (in memory, or
 * a database file) or a PostgreSQL server. Parsed from {@code --db}:
 * <ul>
 * <li>{@code postgresql://user[:password]@host[:port]/database[?params]} (also {@code postgres://}
 * and {@code jdbc:postgresql://…})</li>
 * <li>{@code duckdb:path/to/store.duckdb}, {@code jdbc:duckdb:…}, or a path ending in .duckdb / .db</li>
 * <li>{@code duckdb:memory} (the default of {@code features build})</li>
 * </ul>
 */
public sealed interface DbTarget {

    /** Embedded DuckDB; {@code file} null = in memory. */
    record DuckDb(Path file) implements DbTarget {
        public String display() {
            return file == null ? "duckdb:memory" : "duckdb:" + file;
        }

        public Connection connect() {
            return DuckDbs.open(file);
        }
    }

    /** PostgreSQL; {@code display} is the URL without any password. */
    record Postgres(String jdbcUrl, String display) implements DbTarget {
        public Connection connect() {
            try {
                Properties p = new Properties();
                if (!jdbcUrl.contains("connectTimeout=")) {
                    p.setProperty("connectTimeout", "10");
                }
                p.setProperty("ApplicationName", "sentinel features");
                Connection c = DriverManager.getConnection(jdbcUrl, p);
                return c;
            } catch (SQLException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                throw new InputException("cannot connect to PostgreSQL at " + display + ": " + redact(reason));
            }
        }

        /** Drivers sometimes echo the URL back; keep passwords out of messages anyway. */
        private String redact(String text) {
            return text.replaceAll("(?i)password=[^&\\s]*", "password=***");
        }
    }

    String display();

    Connection connect();

    /** Environment variable naming the test/CI PostgreSQL. */
    String PG_ENV = "SENTINEL_PG_URL";

    /** The URL tests use: {@code $SENTINEL_PG_URL} or the local server. */
    static String testPostgresUrl() {
        String env = System.getenv(PG_ENV);
        return env == null || env.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : env;
    }

    static DbTarget memory() {
        return new DuckDb(null);
    }

    static DbTarget parse(String url) {
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return postgresFromUri(u);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new Postgres(u, displayJdbc(u));
        }
        if (lower.equals("duckdb:memory") || lower.equals("duckdb::memory:") || lower.equals("jdbc:duckdb:") || lower.equals("memory")) {
            return memory();
        }
        if (lower.startsWith("jdbc:duckdb:")) {
            return new DuckDb(Path.of(u.substring("jdbc:duckdb:".length())));
        }
        if (lower.startsWith("duckdb:")) {
            String path = u.substring("duckdb:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isBlank()) {
                throw new InputException("--db " + url + ": expected duckdb:PATH, for example duckdb:store.duckdb");
            }
            return new DuckDb(Path.of(path));
        }
        if (lower.endsWith(".duckdb") || lower.endsWith(".db") || lower.endsWith(".ddb")) {
            return new DuckDb(Path.of(u));
        }
        throw new InputException("--db '" + url + "' is not a database URL; expected postgresql://user@host:5432/database, "
                + "duckdb:PATH.duckdb or duckdb:memory");
    }

    private static Postgres postgresFromUri(String u) {
        String rest = u.substring(u.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon >= 0 ? info.substring(0, colon) : info);
            password = colon >= 0 ? decode(info.substring(colon + 1)) : null;
        }
        String hostPort = rest;
        String database = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            hostPort = rest.substring(0, slash);
            database = rest.substring(slash + 1);
        }
        if (hostPort.isEmpty()) {
            hostPort = "localhost";
        }
        List<String> params = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        if (user != null && !user.isEmpty()) {
            params.add("user=" + encode(user));
        }
        if (password != null) {
            params.add("password=" + encode(password));
        }
        if (!query.isEmpty()) {
            for (String kv : query.split("&")) {
                params.add(kv);
                if (!kv.toLowerCase(Locale.ROOT).startsWith("password=")) {
                    shown.add(kv);
                }
            }
        }
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + database + (params.isEmpty() ? "" : "?" + String.join("&", params));
        String display = "postgresql://" + (user == null || user.isEmpty() ? "" : user + "@") + hostPort + "/" + database
                + (shown.isEmpty() ? "" : "?" + String.join("&", shown));
        return new Postgres(jdbc, display);
    }

    private static String displayJdbc(String jdbc) {
        String s = jdbc.replaceAll("(?i)([?&])password=[^&]*&?", "$1");
        if (s.endsWith("&") || s.endsWith("?")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replaceAll("://([^:/@]+):[^@/]*@", "://$1@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
