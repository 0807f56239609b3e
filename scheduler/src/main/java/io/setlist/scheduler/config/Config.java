package io.setlist.scheduler.config;

import io.setlist.scheduler.predictions.PredictionFeatures;
import io.setlist.scheduler.predictions.VariantSplit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every setting of Setlist, parsed once at start from the environment and passed down from there: nothing else
 * reads environment variables. Immutable. Nothing set means the embedded defaults: a PostgreSQL and a
 * DynamoDB-compatible server started on loopback with data under {@code ~/.setlist}.
 *
 * <p>Adding a setting: give the record it belongs to (or a new one, read below) a component and read it in that
 * record's {@code read(ConfigParser)} with its variable, default, validation and one-line meaning. {@code setlist
 * config} then shows it and {@code setlist config --markdown} prints the README's table with it
 * ({@code ConfigCommandTest} fails until the README has that table).
 *
 * @param home       embedded PostgreSQL and DynamoDB data, demo and benchmark data
 * @param abSplit    the A/B split of {@code POST /v1/predictions}, with its salt
 * @param queue      the asynchronous predictions' broker, workers and limits
 * @param predictionFeatures where the predictions' feature rows come from: the online store or the window path
 */
public record Config(Path home, WarehouseSettings warehouse, StoreSettings store, ApiSettings api,
                     PublishSettings publish, ScheduleSettings schedule, PipelineSettings pipeline,
                     VariantSplit abSplit, RuntimeSettings runtime, QueueSettings queue,
                     PredictionFeatures predictionFeatures) {

    /** Thrown by {@link #parse} with every malformed variable, one per line. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidConfigException(List<String> problems) {
            super("invalid configuration:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * One reading of the environment: the configuration (defaults standing in for malformed values), every
     * variable read with its value and source, in order, and the problems.
     */
    public record Parsed(Config config, List<ConfigParser.Setting> settings, List<String> problems) {
        public Parsed {
            settings = List.copyOf(settings);
            problems = List.copyOf(problems);
        }

        /**
         * The configuration.
         *
         * @throws InvalidConfigException naming each malformed variable, its expected form and its value
         */
        @Override
        public Config config() {
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(problems);
            }
            return config;
        }
    }

    /** Reads every setting from {@code environment}; malformed ones are reported, not thrown. */
    public static Parsed read(Map<String, String> environment) {
        ConfigParser p = new ConfigParser(environment);
        Config config = read(p);
        return new Parsed(config, p.settings(), p.problems());
    }

    /**
     * Parses and validates every setting.
     *
     * @throws InvalidConfigException naming each malformed variable, its expected form and its value
     */
    public static Config parse(Map<String, String> environment) {
        return read(environment).config();
    }

    private static Config read(ConfigParser p) {
        Path home = p.computed("SETLIST_HOME", "`~/.setlist`",
                () -> Path.of(System.getProperty("user.home"), ".setlist"), "a directory", Path::of,
                "embedded PostgreSQL and DynamoDB data, demo data");
        WarehouseSettings warehouse = WarehouseSettings.read(p);
        StoreSettings store = StoreSettings.read(p);
        PublishSettings publish = PublishSettings.read(p);
        ApiSettings api = ApiSettings.read(p);
        ScheduleSettings schedule = ScheduleSettings.read(p);
        PipelineSettings pipeline = PipelineSettings.read(p);
        String salt = p.secret("SETLIST_AB_SALT", VariantSplit.DEFAULT_SALT, "salt of the user → variant hash; "
                + "a new salt (one per experiment) reshuffles users");
        VariantSplit split = p.parsed("SETLIST_AB_SPLIT", VariantSplit.DEFAULT_SPLIT,
                "variant:weight,... with variants champion, challenger or vN and positive whole weights",
                s -> VariantSplit.parse(s, salt), "A/B split of `POST /v1/predictions`: `champion`, `challenger` "
                        + "(newest non-champion version) or `vN`, with weights");
        RuntimeSettings runtime = RuntimeSettings.read(p);
        QueueSettings queue = QueueSettings.read(p);
        PredictionFeatures features = p.parsed("SETLIST_PREDICTION_FEATURES", "store", "store or window",
                PredictionFeatures::parse, "where `POST /v1/predictions` and the queue's workers get feature rows: "
                        + "`store` (in memory, brought forward as events are imported) or `window` (a SQL replay per "
                        + "request; same rows, slower)");
        return new Config(home, warehouse, store, api, publish, schedule, pipeline, split, runtime, queue, features);
    }

    public Config withHome(Path newHome) {
        return new Config(newHome, warehouse, store, api, publish, schedule, pipeline, abSplit, runtime, queue,
                predictionFeatures);
    }

    /** The same on another warehouse (a benchmark's own database). */
    public Config withWarehouse(WarehouseSettings newWarehouse) {
        return new Config(home, newWarehouse, store, api, publish, schedule, pipeline, abSplit, runtime, queue,
                predictionFeatures);
    }

    public Config withApi(ApiSettings newApi) {
        return new Config(home, warehouse, store, newApi, publish, schedule, pipeline, abSplit, runtime, queue,
                predictionFeatures);
    }

    public Config withQueue(QueueSettings newQueue) {
        return new Config(home, warehouse, store, api, publish, schedule, pipeline, abSplit, runtime, newQueue,
                predictionFeatures);
    }

    /** The same with the read API on {@code port} (a {@code --port} option). */
    public Config withHttpPort(int port) {
        return withApi(api.withHttpPort(port));
    }
}
