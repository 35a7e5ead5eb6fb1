package io.sentinelrisk.server.store;

import java.sql.SQLException;

/**
 * A store operation that failed for a reason of the database (connection lost, constraint, disk):
 * answered 503 with no detail, logged with the operation's name.
 */
public final class StoreException extends RuntimeException {
    private final String operation;

    public StoreException(String operation, SQLException cause) {
        super(operation + ": " + cause.getMessage(), cause);
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }

    /** True when the failure is a unique-key violation (SQLState 23505 on H2 and PostgreSQL). */
    public boolean isDuplicateKey() {
        return getCause() instanceof SQLException s && "23505".equals(s.getSQLState());
    }
}
