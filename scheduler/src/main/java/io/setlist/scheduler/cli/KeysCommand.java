package io.setlist.scheduler.cli;

import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.Backends;
import io.setlist.sql.keys.ApiKeyTable.StoredKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage API keys of the read API. Keys are stored as SHA-256 hashes: a key is shown once.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print it (the only time it is shown).")
    static final class Create implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Option(names = "--scope", required = true, description = "read (recommendations, cache, retention) or "
                + "admin (runs, jobs, and everything read may do).")
        String scope;

        @Option(names = "--name", required = true, description = "A name for the key, e.g. the client using it.")
        String name;

        @Override
        public Integer call() {
            Scope parsed = Scope.parse(scope);
            try (Backends backends = Backends.open(startup.get())) {
                ApiKeys.IssuedKey key = new ApiKeys(backends.warehouse()).create(name, parsed);
                System.err.printf("created %s key '%s' (id %d); it is not stored and cannot be shown again:%n",
                        parsed.label(), name, key.stored().id());
                System.out.println(key.secret());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Override
        public Integer call() {
            try (Backends backends = Backends.open(startup.get())) {
                System.out.printf("%5s  %-24s %-6s %-12s %-24s %s%n", "id", "name", "scope", "starts with",
                        "created", "revoked");
                for (StoredKey k : new ApiKeys(backends.warehouse()).list()) {
                    System.out.printf("%5d  %-24s %-6s %-12s %-24s %s%n", k.id(), k.name(), k.scope(),
                            k.prefix() + "…", k.createdAt(), k.revokedAt() == null ? "-" : k.revokedAt());
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke the active key with this name; serving processes refuse it within "
                    + "SETLIST_API_KEY_CACHE_SECONDS (10 s).")
    static final class Revoke implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StartupConfig startup;

        @Parameters(paramLabel = "NAME", description = "The key's name.")
        String name;

        @Override
        public Integer call() {
            try (Backends backends = Backends.open(startup.get())) {
                if (!new ApiKeys(backends.warehouse()).revoke(name)) {
                    System.err.println("setlist: no active key named '" + name + "'");
                    return 1;
                }
                System.out.println("revoked key '" + name + "'");
            }
            return 0;
        }
    }
}
