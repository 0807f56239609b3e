package io.setlist.sql;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {
    @Test
    void migratesTheWarehouseSchemaOnARealServer() throws Exception {
        try (Database db = TestWarehouse.freshDatabase();
             Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
                             + "AND table_name IN ('users','artists','tracks','plays','events','job_runs')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(6);
            assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("17.");
        }
    }
}
