package io.setlist.infra.publish;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's limits on an item, and the rules that keep every published item within them, so that one odd row can
 * never make a publish fail (documented in {@code docs/data-formats.md}, "Limits"):
 * <ul>
 *   <li>a user whose key is empty or longer than {@link #MAX_KEY_BYTES} is not published (the importer never loads
 *       one; an older warehouse may hold one);</li>
 *   <li>a recommended artist or cached track whose key is longer than {@link #MAX_KEY_BYTES} is left out of the list,
 *       and an artist name longer than {@link #MAX_NAME_BYTES} is cut to it;</li>
 *   <li>a user's list that would make the item larger than {@link #MAX_ITEM_BYTES} loses its lowest-ranked artists
 *       until it fits (with the default 100 artists and keys and names within the limits it always fits).</li>
 * </ul>
 * Sizes are counted as DynamoDB bills them: attribute names plus values, strings in UTF-8 bytes (not chars).
 * The key and name limits are the importer's ({@code FieldValues}), repeated here because this module cannot see it.
 */
public final class ItemLimits {
    /** DynamoDB's maximum item size, attribute names included: 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;
    /** The longest user, artist or track key, in UTF-8 bytes (DynamoDB itself allows a 2,048-byte partition key). */
    public static final int MAX_KEY_BYTES = 512;
    /** The longest artist name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1024;

    private ItemLimits() {
    }

    /** The size of {@code item} as DynamoDB counts it; numbers are counted at their upper bound. */
    public static long itemBytes(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8Bytes(e.getKey()) + valueBytes(e.getValue());
        }
        return size;
    }

    private static long valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return utf8Bytes(v.s());
        }
        if (v.b() != null) {
            return v.b().asByteArrayUnsafe().length;
        }
        if (v.n() != null) {
            // DynamoDB: about one byte per two significant digits, plus one; counted high so that a size is never low.
            return (v.n().length() + 1) / 2 + 2;
        }
        throw new IllegalArgumentException("the publisher writes only S, B and N attributes, not " + v.type());
    }

    public static long utf8Bytes(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Whether {@code key} can be published as a user, artist or track key. */
    public static boolean publishableKey(String key) {
        return key != null && !key.isEmpty() && utf8Bytes(key) <= MAX_KEY_BYTES;
    }

    /** {@code name} cut to at most {@link #MAX_NAME_BYTES} bytes of UTF-8 at a character boundary, ending in "…". */
    static String cutName(String name) {
        if (utf8Bytes(name) <= MAX_NAME_BYTES) {
            return name;
        }
        int budget = MAX_NAME_BYTES - 3;   // "…" is 3 bytes
        int end = 0;
        long bytes = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > budget) {
                break;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        return name.substring(0, end) + "…";
    }

    /**
     * The artists of {@code items} that can be published, in order: over-long keys left out, over-long names cut.
     * Returns {@code items} itself when nothing had to change.
     */
    static List<RecommendedArtist> publishableArtists(List<RecommendedArtist> items) {
        List<RecommendedArtist> out = null;
        for (int i = 0; i < items.size(); i++) {
            RecommendedArtist a = items.get(i);
            RecommendedArtist kept = !publishableKey(a.artistKey()) ? null
                    : new RecommendedArtist(a.rank(), a.artistKey(), cutName(a.name()), a.score());
            boolean same = kept != null && kept.name().equals(a.name());
            if (out == null && !same) {
                out = new ArrayList<>(items.subList(0, i));
            }
            if (out != null && kept != null) {
                out.add(same ? a : kept);
            }
        }
        return out == null ? items : out;
    }

    /** The tracks of {@code entries} whose keys can be published, in order; {@code entries} when all can. */
    static List<CachePriority> publishableTracks(List<CachePriority> entries) {
        if (entries.stream().allMatch(e -> publishableKey(e.trackKey()))) {
            return entries;
        }
        return entries.stream().filter(e -> publishableKey(e.trackKey())).toList();
    }

    /**
     * How many of {@code items} (in rank order) fit in {@code budget} bytes of packed list; {@code items.size()}
     * when all do.
     */
    static int artistsFitting(List<RecommendedArtist> items, long budget) {
        long used = PackedLists.HEADER_BYTES;
        for (int i = 0; i < items.size(); i++) {
            used += PackedLists.artistBytes(items.get(i));
            if (used > budget) {
                return i;
            }
        }
        return items.size();
    }
}
