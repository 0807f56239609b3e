package io.setlist.infra.publish;

import io.setlist.infra.dynamo.DynamoTables;
import io.setlist.infra.store.PublishedRuns;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The publisher never builds an item DynamoDB would reject: the largest items the limits allow are written to the
 * real dynalite server and read back whole, and keys, names and lists past the limits are handled by the
 * documented rules instead of failing the publish.
 */
class ItemLimitsPublishTest {
    /** A 4-byte UTF-8 character: 6 bytes once packed by writeUTF, the costliest a key or name can hold. */
    private static final String GUITAR = "\uD83C\uDFB8";
    private static final String MAX_KEY_TAIL = GUITAR.repeat(ItemLimits.MAX_KEY_BYTES / 4 - 1);
    private static final String MAX_NAME = GUITAR.repeat(ItemLimits.MAX_NAME_BYTES / 4);

    private final DynamoDbClient client = DynamoFixture.client();

    @Test
    void ourItemSizeIsTheServersAndItsLimitIs400Kb() {
        DynamoTables tables = tables("limsize");
        Map<String, AttributeValue> atLimit = rawItem(ItemLimits.MAX_ITEM_BYTES);
        assertThat(ItemLimits.itemBytes(atLimit)).isEqualTo(ItemLimits.MAX_ITEM_BYTES);
        client.putItem(b -> b.tableName(tables.recommendations()).item(atLimit));

        Map<String, AttributeValue> overByOne = rawItem(ItemLimits.MAX_ITEM_BYTES + 1);
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(tables.recommendations()).item(overByOne)))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Item size has exceeded");
    }

    @Test
    void theLargestUserItemTheLimitsAllowIsPublishedAndReadBack() {
        DynamoTables tables = tables("limuser");
        String userKey = "u".repeat(ItemLimits.MAX_KEY_BYTES);
        // Far more artists than fit: every key and name at its limit, in the characters that pack largest.
        List<RecommendedArtist> artists = new ArrayList<>();
        for (int r = 1; r <= 1_000; r++) {
            artists.add(new RecommendedArtist(r, String.format("%04d", r) + MAX_KEY_TAIL, MAX_NAME, 1.0 / r));
        }
        assertThat(ItemLimits.utf8Bytes(artists.get(0).artistKey())).isEqualTo(ItemLimits.MAX_KEY_BYTES);
        CurrentRun run = run("2026-11-01.limits");

        RunPublisher.Report report = publish(tables, run, List.of(new UserRecommendations(userKey, "neighbours",
                artists)), List.of());

        assertThat(report.users()).isEqualTo(1);
        assertThat(report.listsCut()).isEqualTo(1);
        Map<String, AttributeValue> stored = client.getItem(b -> b.tableName(tables.recommendations()).key(Map.of(
                "user_key", AttributeValue.fromS(userKey), "run_id", AttributeValue.fromS(run.runId())))).item();
        long size = ItemLimits.itemBytes(stored);
        long entry = PackedLists.artistBytes(artists.get(0));
        assertThat(size).as("as large as the limit allows").isLessThanOrEqualTo(ItemLimits.MAX_ITEM_BYTES)
                .isGreaterThan(ItemLimits.MAX_ITEM_BYTES - entry);
        List<RecommendedArtist> read = new PublishedRuns(client, tables).recommendations(run.runId(), userKey)
                .orElseThrow().items();
        assertThat(read).hasSizeGreaterThan(150).isEqualTo(artists.subList(0, read.size()));
    }

    @Test
    void theLargestCachePageTheLimitsAllowIsPublishedAndReadBack() {
        DynamoTables tables = tables("limpage");
        List<CachePriority> tracks = new ArrayList<>();
        for (int r = 1; r <= ItemCodec.CACHE_PAGE; r++) {
            tracks.add(new CachePriority(r, String.format("%04d", r) + MAX_KEY_TAIL, 0.5, 1.0 / r));
        }
        CurrentRun run = run("2026-11-02.limits");

        publish(tables, run, List.of(), List.of(tracks));

        List<CachePriority> read = new PublishedRuns(client, tables).cachePage(run.runId(), "hot", 0).orElseThrow();
        assertThat(read).isEqualTo(tracks);
        long size = ItemLimits.itemBytes(ItemCodec.cachePage(run.runId(), "hot", 0, Instant.EPOCH, tracks));
        assertThat(size).isLessThanOrEqualTo(ItemLimits.MAX_ITEM_BYTES).isGreaterThan(ItemLimits.MAX_ITEM_BYTES - 20_000);
    }

    /** The rows that used to break every publish: a 70,000-char name, keys over the limit. The run is published. */
    @Test
    void overLongKeysAndNamesNoLongerFailThePublish() {
        DynamoTables tables = tables("limrows");
        String hugeName = "n".repeat(70_000);
        UserRecommendations odd = new UserRecommendations("odd", "global", List.of(
                new RecommendedArtist(1, "a1", hugeName, 1.0),
                new RecommendedArtist(2, "k".repeat(ItemLimits.MAX_KEY_BYTES + 1), "Too long a key", 0.5),
                new RecommendedArtist(3, "a3", "Fine", 0.25)));
        UserRecommendations longKey = new UserRecommendations("u".repeat(2_100), "global", List.of(
                new RecommendedArtist(1, "a1", "A", 1.0)));
        List<CachePriority> tier = List.of(new CachePriority(1, "t".repeat(3_000), 0.5, 1.0),
                new CachePriority(2, "t2", 0.5, 0.5));
        CurrentRun run = run("2026-11-03.limits");

        RunPublisher.Report report = publish(tables, run, List.of(odd, longKey), List.of(tier));

        assertThat(report.users()).isEqualTo(1);
        assertThat(report.usersSkipped()).isEqualTo(1);
        assertThat(report.listsCut()).isEqualTo(1);
        PublishedRuns reader = new PublishedRuns(client, tables);
        assertThat(reader.currentRun().orElseThrow().runId()).isEqualTo(run.runId());
        List<RecommendedArtist> items = reader.recommendations(run.runId(), "odd").orElseThrow().items();
        assertThat(items).extracting(RecommendedArtist::artistKey).containsExactly("a1", "a3");
        assertThat(ItemLimits.utf8Bytes(items.get(0).name())).isEqualTo(ItemLimits.MAX_NAME_BYTES);
        assertThat(items.get(0).name()).startsWith("nnnn").endsWith("…");
        assertThat(reader.cachePage(run.runId(), "hot", 0).orElseThrow()).extracting(CachePriority::trackKey)
                .containsExactly("t2");
    }

    @Test
    void aNameIsCutAtACharacterBoundary() {
        String cut = ItemLimits.cutName("é" + GUITAR.repeat(400));
        assertThat(ItemLimits.utf8Bytes(cut)).isLessThanOrEqualTo(ItemLimits.MAX_NAME_BYTES);
        assertThat(cut).endsWith(GUITAR + "…");
    }

    private RunPublisher.Report publish(DynamoTables tables, CurrentRun run, List<UserRecommendations> users,
                                        List<List<CachePriority>> tiers) {
        RunPublisher publisher = new RunPublisher(client, tables, 2, 3);
        try (RunPublisher.Session session = publisher.open(run)) {
            users.forEach(session::add);
            for (List<CachePriority> tier : tiers) {
                session.cacheTier("hot", tier);
            }
            return session.commit();
        }
    }

    private DynamoTables tables(String prefix) {
        DynamoTables tables = new DynamoTables(prefix);
        tables.ensure(client);
        return tables;
    }

    private static CurrentRun run(String runId) {
        return new CurrentRun(runId, LocalDate.parse(runId.substring(0, 10)), Instant.parse("2026-11-04T03:00:00Z"),
                0, List.of());
    }

    /** An item of exactly {@code bytes} by DynamoDB's count: the keys, and ASCII text and bytes to fill. */
    private static Map<String, AttributeValue> rawItem(int bytes) {
        int keys = "user_key".length() + 1 + "run_id".length() + 1;
        int filler = bytes - keys - "text".length() - 1000 - "blob".length();
        return Map.of("user_key", AttributeValue.fromS("k"), "run_id", AttributeValue.fromS("r"),
                "text", AttributeValue.fromS("t".repeat(1000)),
                "blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[filler])));
    }
}
