package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;

/**
 * Creates Quartz's JDBC job-store tables (QRTZ_*) for the clustered scheduler, from the PostgreSQL DDL that ships
 * inside the Quartz jar, so the schema always matches the Quartz version on the classpath. The script's DROP
 * statements and its COMMIT are skipped: Flyway owns the transaction and the tables are new.
 */
public class V8_1__Quartz_job_store extends BaseJavaMigration {
    private static final String DDL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        String script;
        try (InputStream in = V8_1__Quartz_job_store.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException("Quartz DDL " + DDL + " is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DDL, e);
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
        }
    }

    static java.util.List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String statement : withoutComments.toString().split(";")) {
            String s = statement.trim();
            String upper = s.toUpperCase(java.util.Locale.ROOT);
            if (!s.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                out.add(s);
            }
        }
        return out;
    }
}
