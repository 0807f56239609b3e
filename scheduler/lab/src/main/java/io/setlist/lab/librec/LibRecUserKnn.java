package io.setlist.lab.librec;

import io.setlist.lab.evaluation.Interactions;
import io.setlist.lab.evaluation.TopNModel;
import io.setlist.recommender.interactions.PlayCounts;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import net.librec.common.LibrecException;
import net.librec.conf.Configuration;
import net.librec.data.model.TextDataModel;
import net.librec.math.algorithm.Randoms;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.cf.UserKNNRecommender;
import net.librec.recommender.item.RecommendedItem;
import net.librec.similarity.BinaryCosineSimilarity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * LibRec 2.0.0's UserKNN (binary cosine, {@code bcos}) as a {@link TopNModel}: the baseline of the design card.
 *
 * <p>LibRec reads text files, so the training rows go to {@code data/train.txt} in a temporary directory as
 * implicit feedback (every play row is rating 1, LibRec's convention for item ranking), with one placeholder test
 * row per test user in {@code data/test.txt} given to LibRec's "testset" splitter (LibRec removes test rows from
 * its training matrix, so the placeholder must be an artist the user does <em>not</em> have, and it never sees
 * the real test rows). LibRec's own ranking already excludes the user's training artists. Its random generator is
 * seeded, and the directory is deleted afterwards.
 *
 * <p>LibRec materialises a users × users similarity matrix and scores every (user, artist) pair, so it is
 * quadratic in users: use it on small data only.
 */
public final class LibRecUserKnn implements TopNModel {

    private final int neighbours;
    private final long seed;

    public LibRecUserKnn(int neighbours, long seed) {
        this.neighbours = neighbours;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "librec-userknn-bcos";
    }

    @Override
    public int[][] recommend(PlayCounts train, Interactions data, int[] testUsers, int k) {
        Logger.getLogger("net.librec").setLevel(Level.WARNING); // LibRec logs every step at INFO via JUL
        Path dir;
        try {
            dir = Files.createTempDirectory("setlist-librec-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for LibRec", e);
        }
        try {
            writeInput(dir, train, testUsers);
            Configuration conf = new Configuration();
            conf.set("dfs.data.dir", dir.toString());
            conf.set("dfs.result.dir", dir.resolve("result").toString());
            conf.set("data.input.path", "data");
            conf.set("data.model.splitter", "testset");
            conf.set("data.testset.path", "data/test.txt");
            conf.set("data.column.format", "UIR");
            conf.set("data.model.format", "text");
            conf.set("rec.recommender.similarity.key", "user");
            conf.set("rec.recommender.similarities", "user");
            conf.set("rec.recommender.isranking", "true");
            conf.set("rec.recommender.ranking.topn", Integer.toString(k));
            conf.set("rec.neighbors.knn.number", Integer.toString(neighbours));
            conf.set("rec.random.seed", Long.toString(seed));
            conf.set("rec.eval.enable", "false");
            Randoms.seed(seed);

            TextDataModel model = new TextDataModel(conf);
            model.buildDataModel();
            RecommenderContext context = new RecommenderContext(conf, model);
            BinaryCosineSimilarity similarity = new BinaryCosineSimilarity();
            similarity.buildSimilarityMatrix(model);
            context.setSimilarity(similarity);
            UserKNNRecommender recommender = new UserKNNRecommender();
            recommender.recommend(context);
            return lists(recommender.getRecommendedList(), testUsers, k);
        } catch (LibrecException e) {
            throw new IllegalStateException("LibRec UserKNN failed: " + e.getMessage(), e);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void writeInput(Path dir, PlayCounts train, int[] testUsers) {
        Path data = dir.resolve("data");
        try {
            Files.createDirectories(data);
            int[] rowStart = train.rowStart();
            int[] columns = train.columns();
            try (BufferedWriter w = Files.newBufferedWriter(data.resolve("train.txt"), StandardCharsets.UTF_8)) {
                for (int u = 0; u < train.users(); u++) {
                    int userId = train.userIds().idAt(u);
                    for (int i = rowStart[u]; i < rowStart[u + 1]; i++) {
                        w.write(userId + " " + train.artistIds().idAt(columns[i]) + " 1\n");
                    }
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(data.resolve("test.txt"), StandardCharsets.UTF_8)) {
                for (int userId : testUsers) {
                    int placeholder = artistNotPlayedBy(train, userId);
                    if (placeholder >= 0) {
                        w.write(userId + " " + placeholder + " 1\n");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write LibRec input to " + data, e);
        }
    }

    /** The lowest-index training artist the user has not played (so removing it from LibRec's matrix loses nothing). */
    private static int artistNotPlayedBy(PlayCounts train, int userId) {
        int u = train.userIds().indexOf(userId);
        int next = 0;
        if (u >= 0) {
            for (int i = train.rowStart()[u]; i < train.rowStart()[u + 1] && train.columns()[i] == next; i++) {
                next++;
            }
        }
        return next < train.artists() ? train.artistIds().idAt(next) : -1;
    }

    private static int[][] lists(List<RecommendedItem> items, int[] testUsers, int k) {
        Int2IntOpenHashMap position = new Int2IntOpenHashMap();
        position.defaultReturnValue(-1);
        for (int i = 0; i < testUsers.length; i++) {
            position.put(testUsers[i], i);
        }
        @SuppressWarnings("unchecked")
        List<double[]>[] scored = new List[testUsers.length];
        for (RecommendedItem item : items) {
            int at = position.get(Integer.parseInt(item.getUserId()));
            if (at >= 0) {
                if (scored[at] == null) {
                    scored[at] = new java.util.ArrayList<>();
                }
                scored[at].add(new double[] {Integer.parseInt(item.getItemId()), item.getValue()});
            }
        }
        int[][] lists = new int[testUsers.length][];
        for (int i = 0; i < testUsers.length; i++) {
            if (scored[i] == null) {
                lists[i] = new int[0];
                continue;
            }
            scored[i].sort(Comparator.<double[]>comparingDouble(s -> -s[1]).thenComparingDouble(s -> s[0]));
            int n = Math.min(k, scored[i].size());
            lists[i] = new int[n];
            for (int j = 0; j < n; j++) {
                lists[i][j] = (int) scored[i].get(j)[0];
            }
        }
        return lists;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
