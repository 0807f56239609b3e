package io.setlist.infra.publish;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB item layout of published runs, in one place for the writer and the readers.
 *
 * <p>A user's recommendations are one item (100 artists are ~8 KB, far below the 400 KB item limit). A tier's
 * priority list is split into pages of {@link #CACHE_PAGE} entries, sort key {@code <runId>#<page>}, so that a
 * list of any length stays small per item and is read back in order by one query.
 */
public final class ItemCodec {
    public static final int CACHE_PAGE = 500;
    /** Epoch seconds after which DynamoDB's TTL may delete the item; a backstop for {@link RunCleanup}. */
    public static final String TTL_ATTRIBUTE = "expires_at";

    private ItemCodec() {
    }

    public static Map<String, AttributeValue> recommendations(String runId, Instant generatedAt, Instant expiresAt,
                                                              UserRecommendations user) {
        List<AttributeValue> items = new ArrayList<>(user.items().size());
        for (RecommendedArtist a : user.items()) {
            items.add(AttributeValue.fromM(Map.of(
                    "rank", AttributeValue.fromN(Integer.toString(a.rank())),
                    "artist_key", AttributeValue.fromS(a.artistKey()),
                    "name", AttributeValue.fromS(a.name()),
                    "score", AttributeValue.fromN(Double.toString(a.score())))));
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("user_key", AttributeValue.fromS(user.userKey()));
        item.put("run_id", AttributeValue.fromS(runId));
        item.put("source", AttributeValue.fromS(user.source()));
        item.put("generated_at", AttributeValue.fromS(generatedAt.toString()));
        item.put("items", AttributeValue.fromL(items));
        item.put(TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        return item;
    }

    public static UserRecommendations recommendations(Map<String, AttributeValue> item) {
        List<RecommendedArtist> items = new ArrayList<>();
        for (AttributeValue v : item.get("items").l()) {
            Map<String, AttributeValue> m = v.m();
            items.add(new RecommendedArtist(Integer.parseInt(m.get("rank").n()), m.get("artist_key").s(),
                    m.get("name").s(), Double.parseDouble(m.get("score").n())));
        }
        return new UserRecommendations(item.get("user_key").s(), item.get("source").s(), items);
    }

    /** The run id of a cache page's sort key {@code <runId>#<page>}. */
    public static String runOfPageKey(String runPage) {
        int hash = runPage.lastIndexOf('#');
        return hash < 0 ? runPage : runPage.substring(0, hash);
    }

    public static String pageKey(String runId, int page) {
        return runId + "#" + String.format("%06d", page);
    }

    public static Map<String, AttributeValue> cachePage(String runId, String tier, int page, Instant expiresAt,
                                                        List<CachePriority> entries) {
        List<AttributeValue> list = new ArrayList<>(entries.size());
        for (CachePriority e : entries) {
            list.add(AttributeValue.fromM(Map.of(
                    "rank", AttributeValue.fromN(Integer.toString(e.rank())),
                    "track_key", AttributeValue.fromS(e.trackKey()),
                    "probability", AttributeValue.fromN(Double.toString(e.probability())),
                    "priority", AttributeValue.fromN(Double.toString(e.priority())))));
        }
        return Map.of(
                "tier", AttributeValue.fromS(tier),
                "run_page", AttributeValue.fromS(pageKey(runId, page)),
                "entries", AttributeValue.fromL(list),
                TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    }

    public static List<CachePriority> cacheEntries(Map<String, AttributeValue> page) {
        List<CachePriority> out = new ArrayList<>();
        for (AttributeValue v : page.get("entries").l()) {
            Map<String, AttributeValue> m = v.m();
            out.add(new CachePriority(Integer.parseInt(m.get("rank").n()), m.get("track_key").s(),
                    Double.parseDouble(m.get("probability").n()), Double.parseDouble(m.get("priority").n())));
        }
        return out;
    }
}
