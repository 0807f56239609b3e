package io.setlist.sql.models;

import io.setlist.sql.InTransaction;
import io.setlist.sql.SqlResource;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Versioned models in PostgreSQL ({@code model_versions}, {@code model_champions}).
 *
 * <p><b>Champion rule.</b> {@link #register} inserts the challenger as the next version and makes it the champion
 * only if there is none yet, or if it has a strictly lower log-loss than the current champion <em>scored on the
 * same evaluation window</em> by the caller. Log-loss, because it judges the probabilities themselves, which is
 * what the cache plan consumes; accuracy depends on a threshold. Registration holds a per-model advisory lock, and
 * a comparison made against a champion that has changed since is refused rather than trusted.
 */
public final class ModelRegistry {
    private final DataSource ds;

    public ModelRegistry(DataSource ds) {
        this.ds = ds;
    }

    /** Evaluation metrics on one window. {@code auc} may be NaN (one class only). */
    public record Metrics(int rows, double accuracy, double balancedAccuracy, double auc, double logLoss,
                          double brier) {
    }

    /** A model to register. */
    public record NewVersion(String name, String algorithm, String parameters, List<String> featureNames,
                             Instant trainFrom, Instant trainTo, Instant evalFrom, Instant evalTo, double threshold,
                             Metrics metrics, String changelog, byte[] model) {
    }

    /** A registered version (without its bytes). */
    public record Version(String name, int version, String algorithm, String parameters, List<String> featureNames,
                          Instant trainFrom, Instant trainTo, Instant evalFrom, Instant evalTo, double threshold,
                          Metrics metrics, String changelog, Instant createdAt, boolean champion) {
    }

    /**
     * The current champion as scored by the caller on the challenger's evaluation window.
     *
     * @param version the champion version that was scored
     */
    public record ChampionScore(int version, double logLoss) {
    }

    /** What {@link #register} did. */
    public record Registration(int version, boolean promoted, String reason) {
    }

    /**
     * @param championScore the current champion scored on {@code candidate}'s window, or empty when there is none
     */
    public Registration register(NewVersion candidate, Optional<ChampionScore> championScore) {
        if (candidate.name() == null || !candidate.name().matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("model name must match [a-z0-9-]{1,64}, got '" + candidate.name() + "'");
        }
        return InTransaction.run(ds, "model registry: cannot register " + candidate.name(), c -> {
            try (PreparedStatement lock = c.prepareStatement(SqlResource.load("models/lock_model.sql"))) {
                lock.setString(1, candidate.name());
                lock.execute();
            }
            int version = insert(c, candidate);
            Optional<Integer> current = champion(c, candidate.name());
            String reason;
            boolean promote;
            if (current.isEmpty()) {
                promote = true;
                reason = "first version of " + candidate.name();
            } else if (championScore.isEmpty() || championScore.get().version() != current.get()) {
                promote = false;
                reason = "not compared with the current champion v" + current.get() + " on the same window";
            } else {
                double challenger = candidate.metrics().logLoss();
                double champion = championScore.get().logLoss();
                promote = challenger < champion;
                reason = String.format("log-loss %.5f vs champion v%d %.5f on %s..%s", challenger, current.get(),
                        champion, candidate.evalFrom(), candidate.evalTo());
            }
            if (promote) {
                try (PreparedStatement s = c.prepareStatement(SqlResource.load("models/set_champion.sql"))) {
                    s.setString(1, candidate.name());
                    s.setInt(2, version);
                    s.setString(3, reason);
                    s.executeUpdate();
                }
            }
            return new Registration(version, promote, reason);
        });
    }

    private static int insert(Connection c, NewVersion v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SqlResource.load("models/insert_version.sql"))) {
            int i = 1;
            s.setString(i++, v.name());
            s.setString(i++, v.algorithm());
            s.setString(i++, v.parameters());
            Array names = c.createArrayOf("text", v.featureNames().toArray());
            s.setArray(i++, names);
            s.setTimestamp(i++, Timestamp.from(v.trainFrom()));
            s.setTimestamp(i++, Timestamp.from(v.trainTo()));
            s.setTimestamp(i++, Timestamp.from(v.evalFrom()));
            s.setTimestamp(i++, Timestamp.from(v.evalTo()));
            s.setDouble(i++, v.threshold());
            Metrics m = v.metrics();
            s.setInt(i++, m.rows());
            s.setDouble(i++, m.accuracy());
            s.setDouble(i++, m.balancedAccuracy());
            if (Double.isNaN(m.auc())) {
                s.setNull(i++, Types.DOUBLE);
            } else {
                s.setDouble(i++, m.auc());
            }
            s.setDouble(i++, m.logLoss());
            s.setDouble(i++, m.brier());
            s.setString(i++, v.changelog());
            s.setBytes(i++, v.model());
            s.setString(i, v.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public Optional<Integer> champion(String name) {
        try (Connection c = ds.getConnection()) {
            return champion(c, name);
        } catch (SQLException e) {
            throw new IllegalStateException("model registry: cannot read the champion of " + name, e);
        }
    }

    private static Optional<Integer> champion(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SqlResource.load("models/champion.sql"))) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    /** Versions of one model ({@code name}) or of all (null), by name then version. */
    public List<Version> versions(String name) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("models/list_versions.sql"))) {
            s.setString(1, name);
            s.setString(2, name);
            List<Version> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double auc = rs.getDouble("auc");
                    if (rs.wasNull()) {
                        auc = Double.NaN;
                    }
                    out.add(new Version(rs.getString("model_name"), rs.getInt("version"), rs.getString("algorithm"),
                            rs.getString("parameters"), Arrays.asList((String[]) rs.getArray("feature_names").getArray()),
                            instant(rs, "train_from"), instant(rs, "train_to"), instant(rs, "eval_from"),
                            instant(rs, "eval_to"), rs.getDouble("threshold"),
                            new Metrics(rs.getInt("eval_rows"), rs.getDouble("accuracy"),
                                    rs.getDouble("balanced_accuracy"), auc, rs.getDouble("log_loss"), rs.getDouble("brier")),
                            rs.getString("changelog"), instant(rs, "created_at"), rs.getBoolean("champion")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("model registry: cannot list versions", e);
        }
    }

    public Optional<Version> version(String name, int version) {
        return versions(name).stream().filter(v -> v.version() == version).findFirst();
    }

    /** The serialised model of a version. */
    public Optional<byte[]> modelBytes(String name, int version) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(SqlResource.load("models/model_bytes.sql"))) {
            s.setString(1, name);
            s.setInt(2, version);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("model registry: cannot read " + name + " v" + version, e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
