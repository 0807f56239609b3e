package io.setlist.infra.publish;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB item layout of published runs, in one place for the writer and the readers.
 *
 * <p>A user's recommendations are one item whose ranked list is one binary attribute {@code packed}
 * ({@link PackedLists}: 100 artists are ~4.5 KB, far below the 400 KB item limit; {@link ItemLimits} keeps every
 * item within it whatever the keys and names). A tier's priority list is split
 * into pages of {@link #CACHE_PAGE} entries, sort key {@code <runId>#<page>}, so that a list of any length stays
 * small per item and is read back in order. Items written by earlier versions (a list of maps under {@code items}
 * or {@code entries}) are still read.
 */
public final class ItemCodec {
    public static final int CACHE_PAGE = 500;
    /** Epoch seconds after which DynamoDB's TTL may delete the item; a backstop for {@link RunCleanup}. */
    public static final String TTL_ATTRIBUTE = "expires_at";
    private static final String PACKED = "packed";

    private ItemCodec() {
    }

    /**
     * A user's item, its list made publishable by {@link ItemLimits}' rules (see {@link #fitted}); never larger
     * than {@link ItemLimits#MAX_ITEM_BYTES}.
     *
     * @throws IllegalArgumentException when the user's key cannot be published ({@link ItemLimits#publishableKey})
     */
    public static Map<String, AttributeValue> recommendations(String runId, Instant generatedAt, Instant expiresAt,
                                                              UserRecommendations user) {
        UserRecommendations fitted = fitted(runId, generatedAt, expiresAt, user);
        Map<String, AttributeValue> item = userItem(runId, generatedAt, expiresAt, fitted,
                PackedLists.artists(fitted.items()));
        long size = ItemLimits.itemBytes(item);
        if (size > ItemLimits.MAX_ITEM_BYTES) {
            throw new IllegalStateException("the item of user " + user.userKey() + " is " + size
                    + " bytes, over DynamoDB's limit: a bug in ItemLimits");
        }
        return item;
    }

    /**
     * {@code user} as it will be published: artists with over-long keys left out, over-long names cut, and the
     * lowest-ranked artists dropped while the item would exceed {@link ItemLimits#MAX_ITEM_BYTES}.
     *
     * @throws IllegalArgumentException when the user's key cannot be published
     */
    public static UserRecommendations fitted(String runId, Instant generatedAt, Instant expiresAt,
                                             UserRecommendations user) {
        if (!ItemLimits.publishableKey(user.userKey())) {
            throw new IllegalArgumentException("user key of " + ItemLimits.utf8Bytes(user.userKey())
                    + " bytes cannot be published (limit " + ItemLimits.MAX_KEY_BYTES + ")");
        }
        List<RecommendedArtist> items = ItemLimits.publishableArtists(user.items());
        long fixed = ItemLimits.itemBytes(userItem(runId, generatedAt, expiresAt, user, new byte[0]));
        int fit = ItemLimits.artistsFitting(items, ItemLimits.MAX_ITEM_BYTES - fixed);
        if (fit < items.size()) {
            items = List.copyOf(items.subList(0, fit));
        }
        return items == user.items() ? user : new UserRecommendations(user.userKey(), user.source(), items);
    }

    private static Map<String, AttributeValue> userItem(String runId, Instant generatedAt, Instant expiresAt,
                                                        UserRecommendations user, byte[] packed) {
        Map<String, AttributeValue> item = new HashMap<>(8);
        item.put("user_key", AttributeValue.fromS(user.userKey()));
        item.put("run_id", AttributeValue.fromS(runId));
        item.put("source", AttributeValue.fromS(user.source()));
        item.put("generated_at", AttributeValue.fromS(generatedAt.toString()));
        item.put(PACKED, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(packed)));
        item.put(TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        return item;
    }

    public static UserRecommendations recommendations(Map<String, AttributeValue> item) {
        List<RecommendedArtist> items;
        AttributeValue packed = item.get(PACKED);
        if (packed != null) {
            items = PackedLists.artists(packed.b().asByteArrayUnsafe());
        } else {
            items = new ArrayList<>();
            for (AttributeValue v : item.get("items").l()) {
                Map<String, AttributeValue> m = v.m();
                items.add(new RecommendedArtist(Integer.parseInt(m.get("rank").n()), m.get("artist_key").s(),
                        m.get("name").s(), Double.parseDouble(m.get("score").n())));
            }
        }
        return new UserRecommendations(item.get("user_key").s(), item.get("source").s(), items);
    }

    /**
     * A user's item as stored, still packed: the API caches this (~4.5 KB for 100 artists, a third of the decoded
     * objects) and decodes on each hit. Empty for an item of the old layout, which the caller decodes instead.
     */
    public record PackedUser(String userKey, String source, byte[] packed) {
        public UserRecommendations decode() {
            return new UserRecommendations(userKey, source, PackedLists.artists(packed));
        }
    }

    public static java.util.Optional<PackedUser> packedUser(Map<String, AttributeValue> item) {
        AttributeValue packed = item.get(PACKED);
        if (packed == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PackedUser(item.get("user_key").s(), item.get("source").s(),
                packed.b().asByteArray()));
    }

    /** Packs a decoded user (an item of the old layout) so that every cached user has the same compact form. */
    public static PackedUser pack(UserRecommendations user) {
        return new PackedUser(user.userKey(), user.source(), PackedLists.artists(user.items()));
    }

    /** The run id of a cache page's sort key {@code <runId>#<page>}. */
    public static String runOfPageKey(String runPage) {
        int hash = runPage.lastIndexOf('#');
        return hash < 0 ? runPage : runPage.substring(0, hash);
    }

    public static String pageKey(String runId, int page) {
        return runId + "#" + String.format("%06d", page);
    }

    /**
     * One page of a tier's list. With track keys within {@link ItemLimits#MAX_KEY_BYTES} (the publisher leaves
     * others out) a full page of {@link #CACHE_PAGE} entries is at most ~395 KB, within the item limit.
     *
     * @throws IllegalArgumentException when the page would still be over DynamoDB's item limit
     */
    public static Map<String, AttributeValue> cachePage(String runId, String tier, int page, Instant expiresAt,
                                                        List<CachePriority> entries) {
        Map<String, AttributeValue> item = Map.of(
                "tier", AttributeValue.fromS(tier),
                "run_page", AttributeValue.fromS(pageKey(runId, page)),
                PACKED, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(PackedLists.tracks(entries))),
                TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        long size = ItemLimits.itemBytes(item);
        if (size > ItemLimits.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("cache page " + page + " of tier " + tier + " is " + size
                    + " bytes, over DynamoDB's item limit of " + ItemLimits.MAX_ITEM_BYTES);
        }
        return item;
    }

    public static List<CachePriority> cacheEntries(Map<String, AttributeValue> page) {
        AttributeValue packed = page.get(PACKED);
        if (packed != null) {
            return PackedLists.tracks(packed.b().asByteArrayUnsafe());
        }
        List<CachePriority> out = new ArrayList<>();
        for (AttributeValue v : page.get("entries").l()) {
            Map<String, AttributeValue> m = v.m();
            out.add(new CachePriority(Integer.parseInt(m.get("rank").n()), m.get("track_key").s(),
                    Double.parseDouble(m.get("probability").n()), Double.parseDouble(m.get("priority").n())));
        }
        return out;
    }
}
