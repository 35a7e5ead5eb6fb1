package io.sentinelrisk.server.delivery;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The delivery contract on PostgreSQL (127.0.0.1:5432, database {@code test}, user postgres; the
 * URL can be overridden with SENTINEL_PG_URL), each test in a schema of its own, dropped after.
 */
@Tag("integration")
class DeliveryServicePostgresTest extends DeliveryServiceContract {
    private String schema;
    private PGSimpleDataSource admin;

    static String url() {
        String env = System.getenv("SENTINEL_PG_URL");
        return env != null && !env.isBlank() ? env : "jdbc:postgresql://127.0.0.1:5432/test";
    }

    @Override
    DataSource dataSource() {
        schema = "delivery_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin = new PGSimpleDataSource();
        admin.setURL(url());
        if (admin.getUser() == null) {
            admin.setUser("postgres");
        }
        Flyway.configure().dataSource(admin).schemas(schema).createSchemas(true).locations("classpath:db/migration").load().migrate();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url());
        if (ds.getUser() == null) {
            ds.setUser("postgres");
        }
        ds.setCurrentSchema(schema);
        return ds;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
