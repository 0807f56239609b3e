package io.setlist.scheduler.predictions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The A/B split of {@code POST /v1/predictions}: which variant serves a user.
 *
 * <p>A user's bucket is the first 8 bytes of SHA-256(salt, user id) modulo the sum of the weights, so the same user
 * always lands in the same variant (across requests, nodes and restarts) while the split and salt stay the same,
 * and users spread over the variants in proportion to the weights. A new salt reshuffles everyone: use one per
 * experiment.
 *
 * <p>Variants: {@code champion} (the registry's champion), {@code challenger} (the newest version that is not the
 * champion) or {@code vN} (version N).
 */
public final class VariantSplit {
    public static final String DEFAULT_SPLIT = "champion:50,challenger:50";
    public static final String DEFAULT_SALT = "setlist-ab-1";

    /** One variant and its weight. */
    public record Share(String variant, int weight) {
    }

    private final List<Share> shares;
    private final long total;
    private final byte[] salt;

    private VariantSplit(List<Share> shares, String salt) {
        this.shares = List.copyOf(shares);
        this.total = shares.stream().mapToLong(Share::weight).sum();
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses {@code champion:50,challenger:50} or {@code v3:20,v4:80}; weights are positive whole numbers. */
    public static VariantSplit parse(String spec, String salt) {
        List<Share> shares = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            String name = kv[0].trim();
            if (kv.length != 2 || !(name.equals("champion") || name.equals("challenger") || name.matches("v[1-9][0-9]*"))) {
                throw new IllegalArgumentException("SETLIST_AB_SPLIT: expected variant:weight with variant champion, "
                        + "challenger or vN, got '" + part.trim() + "'");
            }
            int weight;
            try {
                weight = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                weight = -1;
            }
            if (weight <= 0) {
                throw new IllegalArgumentException("SETLIST_AB_SPLIT: weight of " + name + " must be a positive whole "
                        + "number, got '" + kv[1].trim() + "'");
            }
            if (shares.stream().anyMatch(s -> s.variant().equals(name))) {
                throw new IllegalArgumentException("SETLIST_AB_SPLIT: variant " + name + " appears twice");
            }
            shares.add(new Share(name, weight));
        }
        return new VariantSplit(shares, salt);
    }

    public List<Share> shares() {
        return shares;
    }

    /** The variant serving {@code userKey}. */
    public String assign(String userKey) {
        long bucket = Long.remainderUnsigned(hash(userKey), total);
        for (Share s : shares) {
            bucket -= s.weight();
            if (bucket < 0) {
                return s.variant();
            }
        }
        throw new AssertionError("bucket beyond the weights");
    }

    private long hash(String userKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update((byte) 0);
            byte[] digest = sha.digest(userKey.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (digest[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
