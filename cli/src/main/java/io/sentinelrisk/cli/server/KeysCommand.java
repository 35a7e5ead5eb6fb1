package io.sentinelrisk.cli.server;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.server.auth.ApiKey;
import io.sentinelrisk.server.auth.KeyStore;
import io.sentinelrisk.server.auth.Role;
import io.sentinelrisk.server.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code sentinel keys create|list|revoke}: the server's API keys, in its store. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        header = "Create, list and revoke the server's API keys.",
        description = {"Works on the store of 'sentinel serve' (the same --db / --data-dir). The embedded store is "
            + "one process's at a time: stop the server first, or manage keys over POST /v1/keys with an admin key."},
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of create, list, revoke");
    }

    static Database open(StoreOptions store) {
        try {
            return store.open();
        } catch (InputException e) {
            if (e.getMessage() != null && (e.getMessage().contains("already in use") || e.getMessage().contains("is locked"))) {
                throw new InputException("the store under " + store.dataDir + " is in use by a running server: stop it, "
                        + "or create keys with POST /v1/keys and an admin key");
            }
            throw e;
        }
    }

    /** {@code keys create}: prints the key once on stdout. */
    @Command(name = "create", mixinStandardHelpOptions = true, header = "Create a key; it is printed once, only its salted hash is stored.",
            description = {"", "Example:", "  sentinel keys create --role analyst --name alice"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "ingest (score, events), analyst (alerts, entities, feedback) or admin (models, keys, all).")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what holds the key.")
        String name;

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            Role r = Role.parse(role);
            if (r == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--role must be ingest, analyst or admin, not '" + role + "'");
            }
            if (name.isBlank() || name.length() > 200) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--name must be 1 to 200 characters");
            }
            try (Database db = open(store)) {
                KeyStore.Created created = new KeyStore(db).create(name, r);
                spec.commandLine().getOut().println(created.token());
                spec.commandLine().getErr().println("sentinel keys create: key " + created.key().id() + " (" + name + ", "
                        + r.id() + ") created; it is shown only now");
            }
            return 0;
        }
    }

    /** {@code keys list}: id, role, name, created, revoked (never a secret). */
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the keys (ids, names, roles; never the secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Database db = open(store)) {
                var out = spec.commandLine().getOut();
                out.println("id\trole\tname\tcreated_at\trevoked_at");
                for (ApiKey k : new KeyStore(db).list()) {
                    out.println(k.id() + "\t" + k.role().id() + "\t" + k.name() + "\t" + Instant.ofEpochMilli(k.createdAt())
                            + "\t" + (k.revokedAt() == null ? "-" : Instant.ofEpochMilli(k.revokedAt())));
                }
            }
            return 0;
        }
    }

    /** {@code keys revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, header = "Revoke a key by its id (from 'keys list').")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The key's id.")
        String id;

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Database db = open(store)) {
                if (!new KeyStore(db).revoke(id)) {
                    throw new InputException("no active key with id '" + id + "' (see 'sentinel keys list')");
                }
                spec.commandLine().getErr().println("sentinel keys revoke: key " + id + " revoked");
            }
            return 0;
        }
    }
}
