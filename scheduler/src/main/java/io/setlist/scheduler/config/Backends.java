package io.setlist.scheduler.config;

import io.setlist.infra.dynamo.DynamoClients;
import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.embedded.LocalDynamo;
import io.setlist.sql.Database;
import io.setlist.sql.embedded.LocalPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.sql.DataSource;
import java.net.URI;

/**
 * The two real servers a Setlist process talks to: the PostgreSQL warehouse and DynamoDB. Each is the user's own
 * when configured, else an embedded one started here (and stopped on close, unless another Setlist process owns it).
 */
public final class Backends implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private final LocalPostgres localPostgres;
    private final Database database;
    private final Database apiDatabase;
    private final LocalDynamo localDynamo;
    private final DynamoDbClient dynamo;
    private final DynamoTables tables;
    private final String warehouseDescription;
    private final String dynamoDescription;

    private Backends(LocalPostgres localPostgres, Database database, Database apiDatabase, String warehouseDescription,
                     LocalDynamo localDynamo, DynamoDbClient dynamo, DynamoTables tables, String dynamoDescription) {
        this.localPostgres = localPostgres;
        this.database = database;
        this.apiDatabase = apiDatabase;
        this.warehouseDescription = warehouseDescription;
        this.localDynamo = localDynamo;
        this.dynamo = dynamo;
        this.tables = tables;
        this.dynamoDescription = dynamoDescription;
    }

    /** Opens (or starts) both backends, migrates the warehouse and creates missing DynamoDB tables. */
    public static Backends open(Config config) {
        WarehouseSettings settings = config.warehouse();
        StoreSettings store = config.store();
        LocalPostgres pg = null;
        Database db = null;
        Database apiDb = null;
        LocalDynamo localDynamo = null;
        try {
            String warehouse;
            if (settings.embedded()) {
                pg = LocalPostgres.startPersistent(config.home(), settings.embeddedPgPort());
                db = Database.open(pg.jdbcUrl("postgres"), pg.user(), "", 10);
                apiDb = apiPool(pg.jdbcUrl("postgres"), pg.user(), "", config.api());
                warehouse = "embedded PostgreSQL on 127.0.0.1:" + pg.port() + " (data in " + config.home()
                        + "/postgres" + (pg.owned() ? "" : ", started by another Setlist process") + ")";
            } else {
                db = Database.open(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(), 10);
                apiDb = apiPool(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(), config.api());
                warehouse = "PostgreSQL at " + settings.jdbcUrl();
            }
            URI endpoint;
            String dynamoDescription;
            if (store.embedded()) {
                localDynamo = LocalDynamo.startPersistent(LocalDynamo.defaultDynaliteDir(), config.home(),
                        store.embeddedDynamoPort());
                endpoint = localDynamo.endpoint();
                dynamoDescription = "embedded DynamoDB (dynalite) at " + endpoint;
            } else if (store.useAws()) {
                endpoint = null;
                dynamoDescription = "AWS DynamoDB (default region and credential chain)";
            } else {
                endpoint = store.dynamoEndpoint();
                dynamoDescription = "DynamoDB at " + endpoint;
            }
            // Enough pooled connections for every parallel publish batch plus the API's reads.
            DynamoDbClient client = DynamoClients.create(endpoint, store.awsRegion(), store.http(),
                    config.publish().threads() + 64, store.timeouts());
            DynamoTables tables = new DynamoTables(store.tablePrefix());
            tables.ensure(client);
            LOG.info("warehouse: {}; store: {}", warehouse, dynamoDescription);
            return new Backends(pg, db, apiDb, warehouse, localDynamo, client, tables, dynamoDescription);
        } catch (RuntimeException e) {
            if (apiDb != null) {
                apiDb.close();
            }
            if (db != null) {
                db.close();
            }
            if (pg != null) {
                pg.close();
            }
            if (localDynamo != null) {
                localDynamo.close();
            }
            throw e;
        }
    }

    /** The main pool (10 connections): Quartz, the pipeline stages, the CLI. */
    public DataSource warehouse() {
        return database.dataSource();
    }

    /**
     * The read API's own pool ({@code SETLIST_API_DB_CONNECTIONS}, 4): however many requests arrive, they share
     * these and never take one of {@link #warehouse()}'s, so Quartz check-in and the stages are not starved. A
     * request that waits longer than {@link ApiSettings#WAREHOUSE_WAIT_MILLIS} for one is answered 503 busy.
     */
    public DataSource apiWarehouse() {
        return apiDatabase.dataSource();
    }

    private static Database apiPool(String jdbcUrl, String user, String password, ApiSettings api) {
        return Database.openSide(jdbcUrl, user, password, api.warehouseConnections(), "setlist-api",
                ApiSettings.WAREHOUSE_WAIT_MILLIS);
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public DynamoTables tables() {
        return tables;
    }

    public String describe() {
        return "warehouse: " + warehouseDescription + "\nstore:     " + dynamoDescription;
    }

    @Override
    public void close() {
        dynamo.close();
        apiDatabase.close();
        database.close();
        if (localPostgres != null) {
            localPostgres.close();
        }
        if (localDynamo != null) {
            localDynamo.close();
        }
    }
}
