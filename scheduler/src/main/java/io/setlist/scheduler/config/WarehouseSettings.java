package io.setlist.scheduler.config;

/**
 * Where the PostgreSQL warehouse is: the user's own ({@link #jdbcUrl()} set) or an embedded one on loopback.
 *
 * @param jdbcUrl        the user's PostgreSQL, or {@code null} for the embedded one
 * @param embeddedPgPort port of the embedded PostgreSQL (shared by every Setlist process of one home)
 */
public record WarehouseSettings(String jdbcUrl, String jdbcUser, String jdbcPassword, int embeddedPgPort) {

    static WarehouseSettings read(ConfigParser p) {
        return new WarehouseSettings(
                p.optional("SETLIST_JDBC_URL", "embedded", "a JDBC URL (jdbc:postgresql://...)",
                        WarehouseSettings::jdbcUrl, "your PostgreSQL, e.g. `jdbc:postgresql://db:5432/setlist`"),
                p.text("SETLIST_JDBC_USER", "postgres", "user of your PostgreSQL"),
                p.secret("SETLIST_JDBC_PASSWORD", "", "password of your PostgreSQL"),
                p.integer("SETLIST_EMBEDDED_PG_PORT", 54329, 1, 65535, "port of the embedded PostgreSQL"));
    }

    public boolean embedded() {
        return jdbcUrl == null;
    }

    private static String jdbcUrl(String s) {
        if (!s.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException();
        }
        return s;
    }
}
