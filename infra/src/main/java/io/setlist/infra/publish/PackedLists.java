package io.setlist.infra.publish;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranked lists packed into one binary attribute: a version byte, the count, then each entry's fields in order.
 *
 * <p>Why: as a DynamoDB list of maps, 100 artists are 400 attributes (~11 KB on the wire). Every one of them is
 * marshalled, signed, parsed and validated on each side, which made the publish CPU-bound at ~300 users/s on the
 * embedded server; packed, the same item is ~4.5 KB and one attribute. It also costs fewer write units on AWS,
 * where an item is billed per KB.
 */
final class PackedLists {
    private static final byte ARTISTS_V1 = 1;
    private static final byte TRACKS_V1 = 2;
    /** The version byte and the count. */
    static final int HEADER_BYTES = 5;
    /** {@code writeUTF}'s limit for one string, in modified UTF-8 bytes. */
    private static final int MAX_UTF = 65_535;

    private PackedLists() {
    }

    static byte[] artists(List<RecommendedArtist> items) {
        for (RecommendedArtist a : items) {
            checkPackable(a.artistKey(), "an artist key");
            checkPackable(a.name(), "an artist name");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + items.size() * 48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(ARTISTS_V1);
            out.writeInt(items.size());
            for (RecommendedArtist a : items) {
                out.writeInt(a.rank());
                out.writeUTF(a.artistKey());
                out.writeUTF(a.name());
                out.writeDouble(a.score());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The bytes one artist takes in a packed list. */
    static long artistBytes(RecommendedArtist a) {
        return 4 + 2 + modifiedUtf8(a.artistKey()) + 2 + modifiedUtf8(a.name()) + 8;
    }

    /** The bytes one track takes in a packed cache page. */
    static long trackBytes(CachePriority e) {
        return 4 + 2 + modifiedUtf8(e.trackKey()) + 16;
    }

    /**
     * The length of {@code s} as {@code writeUTF} writes it: U+0000 and chars from U+0080 to U+07FF take 2 bytes,
     * other chars above U+007F 3 (each half of a surrogate pair too, so 6 for a 4-byte UTF-8 character).
     */
    static long modifiedUtf8(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c >= 0x01 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }

    /** Fails clearly, before any byte is written, on a string {@code writeUTF} cannot hold. */
    private static void checkPackable(String s, String what) {
        if (modifiedUtf8(s) > MAX_UTF) {
            throw new IllegalArgumentException(what + " of " + modifiedUtf8(s) + " bytes cannot be packed (limit "
                    + MAX_UTF + "); the publisher keeps keys and names within ItemLimits");
        }
    }

    static List<RecommendedArtist> artists(byte[] packed) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
            expect(in.readByte(), ARTISTS_V1);
            int n = in.readInt();
            List<RecommendedArtist> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new RecommendedArtist(in.readInt(), in.readUTF(), in.readUTF(), in.readDouble()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("a packed recommendations attribute is truncated or corrupt", e);
        }
    }

    static byte[] tracks(List<CachePriority> entries) {
        for (CachePriority e : entries) {
            checkPackable(e.trackKey(), "a track key");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(TRACKS_V1);
            out.writeInt(entries.size());
            for (CachePriority e : entries) {
                out.writeInt(e.rank());
                out.writeUTF(e.trackKey());
                out.writeDouble(e.probability());
                out.writeDouble(e.priority());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<CachePriority> tracks(byte[] packed) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
            expect(in.readByte(), TRACKS_V1);
            int n = in.readInt();
            List<CachePriority> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new CachePriority(in.readInt(), in.readUTF(), in.readDouble(), in.readDouble()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("a packed cache page is truncated or corrupt", e);
        }
    }

    private static void expect(byte version, byte expected) {
        if (version != expected) {
            throw new IllegalStateException("packed list format " + version + " is not " + expected
                    + ": written by a newer Setlist?");
        }
    }
}
