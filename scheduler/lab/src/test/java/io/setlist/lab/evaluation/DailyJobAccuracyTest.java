package io.setlist.lab.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.setlist.recommender.ranking.RecommenderSettings;
import io.setlist.recommender.testing.SharedData;
import io.setlist.scheduler.RealBackends;
import io.setlist.scheduler.SetlistService;
import io.setlist.scheduler.auth.ApiKeys;
import io.setlist.scheduler.auth.Scope;
import io.setlist.scheduler.config.Backends;
import io.setlist.scheduler.config.Config;
import io.setlist.scheduler.pipeline.DailyPipeline;
import io.setlist.sql.load.ImportFormat;
import io.setlist.sql.load.ImportProgress;
import io.setlist.sql.load.WorkloadImport;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily job is what {@code eval recs} measures: a split's training rows of the real HetRec data are imported
 * (with the friendships, and the tag assignments the split allows), the daily pipeline recommends and publishes
 * to DynamoDB, every test user's list is read back through the read API over HTTP, and its nDCG@10 on the test
 * rows is the offline evaluation's for the same split and the daily job's own settings, to 1e-9.
 */
class DailyJobAccuracyTest {
    private static final int K = 10;
    private static final long SEED = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void theListsTheReadApiServesScoreTheNdcgEvalRecsReports() throws Exception {
        Path hetrec = SharedData.dir("hetrec-lastfm-2k");
        Interactions data = DatasetReader.read("hetrec-lastfm", hetrec);
        UserRelationRows relations = UserRelationRows.read(data, hetrec);
        boolean[] test = Split.USER_HOLDOUT.testRows(data, null, SEED);
        OfflineEvaluation offline = new OfflineEvaluation(data, null, test);

        Path inbox = home.resolve("split");
        Files.createDirectories(inbox);
        writeTrainingFiles(data, test, hetrec, inbox);

        Config config = RealBackends.isolatedConfig(home.resolve("home"));
        RecommenderSettings daily = DailyPipeline.recommenderSettings(config.pipeline());
        double expected = offline.evaluate(SetlistModels.knn(daily, relations), K).ndcg();

        try (Backends backends = Backends.open(config)) {
            WorkloadImport.ImportReport imported = WorkloadImport.importPath(backends.warehouse(),
                    ImportFormat.HETREC_LASTFM, inbox, ImportProgress.NONE);
            assertThat(imported.file("user_artists.dat").orElseThrow().loaded())
                    .isEqualTo(offline.train().nonZeros());
            assertThat(imported.file("user_friends.dat").orElseThrow().loaded()).isEqualTo(25_434);
            try (SetlistService service = SetlistService.start(backends, config, false)) {
                String key = new ApiKeys(backends.warehouse()).create("accuracy", Scope.READ).secret();
                String base = "http://127.0.0.1:" + service.port();
                List<DailyPipeline.StageReport> reports = service.pipeline().run(LocalDate.parse("2026-12-01"), false);
                assertThat(reports).extracting(DailyPipeline.StageReport::job).contains("recommend", "publish");
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (get(base, "/health/ready", key).statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }

                Object2IntOpenHashMap<String> artistIds = new Object2IntOpenHashMap<>();
                artistIds.defaultReturnValue(-1);
                for (int id = 1; id <= data.artistKeys().size(); id++) {
                    artistIds.put(data.artistKey(id), id);
                }
                Int2ObjectOpenHashMap<IntSet> relevant = new Int2ObjectOpenHashMap<>();
                for (int i = 0; i < data.rows(); i++) {
                    if (test[i]) {
                        relevant.computeIfAbsent(data.rowUser()[i], u -> new IntOpenHashSet()).add(data.rowArtist()[i]);
                    }
                }
                RankingMetrics served = new RankingMetrics(K, offline.train().artists());
                for (int user : offline.testUsers()) {
                    HttpResponse<String> response = get(base, "/v1/users/" + data.userKey(user)
                            + "/recommendations?limit=" + K, key);
                    assertThat(response.statusCode()).as("user %s", data.userKey(user)).isEqualTo(200);
                    JsonNode items = JSON.readTree(response.body()).get("items");
                    int[] list = new int[items.size()];
                    for (int r = 0; r < list.length; r++) {
                        list[r] = artistIds.getInt(items.get(r).get("artistId").asText());
                    }
                    served.add(list, relevant.get(user));
                }
                assertThat(served.users()).isEqualTo(offline.testUsers().length).isPositive();
                System.out.printf("daily job through the read API: nDCG@%d %.6f; eval recs: %.6f (%d test users)%n",
                        K, served.ndcg(), expected, served.users());
                assertThat(served.ndcg()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(expected).as("the tuned daily job beats plain BM25 on this split")
                        .isGreaterThan(offline.evaluate(SetlistModels.knn(daily.withScoring(
                                io.setlist.recommender.ranking.NeighbourScoring.PLAIN)), K).ndcg());
            }
        }
    }

    /**
     * The training rows as HetRec files, so that the warehouse's surrogate ids follow the offline ids (artists.dat in
     * offline id order, the plays in file order): both then rank the same matrix in the same order.
     */
    private static void writeTrainingFiles(Interactions data, boolean[] test, Path hetrec, Path dir) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("artists.dat"), StandardCharsets.UTF_8)) {
            w.write("id\tname\turl\tpictureURL\n");
            for (int id = 1; id <= data.artistKeys().size(); id++) {
                w.write(data.artistKey(id) + "\tartist " + data.artistKey(id) + "\t\t\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("user_artists.dat"), StandardCharsets.UTF_8)) {
            w.write("userID\tartistID\tweight\n");
            for (int i = 0; i < data.rows(); i++) {
                if (!test[i]) {
                    w.write(data.userKey(data.rowUser()[i]) + "\t" + data.artistKey(data.rowArtist()[i]) + "\t"
                            + data.rowPlays()[i] + "\n");
                }
            }
        }
        Files.copy(hetrec.resolve("user_friends.dat"), dir.resolve("user_friends.dat"));
        // The tag assignments on held-out (user, artist) pairs are left out, as UserRelationRows.forTraining does.
        it.unimi.dsi.fastutil.objects.ObjectOpenHashSet<String> heldOut = new it.unimi.dsi.fastutil.objects.ObjectOpenHashSet<>();
        for (int i = 0; i < data.rows(); i++) {
            if (test[i]) {
                heldOut.add(data.userKey(data.rowUser()[i]) + "\t" + data.artistKey(data.rowArtist()[i]));
            }
        }
        Path tags = UserRelationRows.TAG_FILES.stream().map(hetrec::resolve).filter(Files::isRegularFile)
                .findFirst().orElseThrow();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("user_taggedartists.dat"), StandardCharsets.UTF_8)) {
            List<String> lines = Files.readAllLines(tags, StandardCharsets.ISO_8859_1);
            w.write(lines.get(0) + "\n");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", 3);
                if (f.length < 3 || !heldOut.contains(f[0] + "\t" + f[1])) {
                    w.write(line + "\n");
                }
            }
        }
    }

    private static HttpResponse<String> get(String base, String path, String key)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
