package io.setlist.scheduler.auth;

import io.setlist.sql.keys.ApiKeyTable;
import io.setlist.sql.keys.ApiKeyTable.StoredKey;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Creates, lists, revokes and checks API keys. A key is {@code sl_} + 32 random bytes (base64url); only its SHA-256
 * is stored. A high-entropy key needs no slow password hash: guessing 256 bits is hopeless either way.
 *
 * <p>Checks are answered from {@link ActiveKeys}, every active key's hash in memory: an unknown key costs one
 * SHA-256 and a map lookup, no database round trip (at most one re-read a second, whatever the flood). A revoked
 * key stops working within {@code cacheTtl} in every serving process, at once in this one. A string that cannot be
 * a key (wrong prefix, length or alphabet) is refused before hashing.
 */
public final class ApiKeys {
    private static final String KEY_PREFIX = "sl_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How often, at most, a miss re-reads the keys: bounds what a flood of bad keys costs the warehouse. */
    static final Duration MISS_RELOAD = Duration.ofSeconds(1);
    /** Longer than any key this class makes ({@code sl_} + 43), shorter than a header that hurts. */
    private static final int MAX_KEY_LENGTH = 100;

    private final ApiKeyTable table;
    private final ActiveKeys active;

    public ApiKeys(DataSource warehouse, Duration cacheTtl) {
        this.table = new ApiKeyTable(warehouse);
        this.active = new ActiveKeys(table, cacheTtl.toNanos(), MISS_RELOAD.toNanos(), System::nanoTime);
    }

    public ApiKeys(DataSource warehouse) {
        this(warehouse, Duration.ofSeconds(10));
    }

    /** Who called: the key's id (for the rate limit), name and scope. */
    public record Caller(long keyId, String name, Scope scope) {
    }

    /** A new key: {@code secret} is shown once and never stored. */
    public record IssuedKey(String secret, StoredKey stored) {
    }

    /** The one code path that makes keys: {@code ./setlist keys create}, the demo and the tests all use it. */
    public IssuedKey create(String name, Scope scope) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("key name must be 1-64 characters of [A-Za-z0-9_.-], got '" + name + "'");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        StoredKey stored = table.insert(name, scope.label(), sha256(secret), secret.substring(0, KEY_PREFIX.length() + 6));
        active.invalidate();
        return new IssuedKey(secret, stored);
    }

    public List<StoredKey> list() {
        return table.list();
    }

    public boolean revoke(String name) {
        boolean revoked = table.revoke(name);
        active.invalidate();
        return revoked;
    }

    /** The active key behind {@code secret}, or empty for an unknown or revoked one. */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > MAX_KEY_LENGTH
                || !secret.chars().skip(KEY_PREFIX.length()).allMatch(ApiKeys::base64Url)) {
            return Optional.empty();
        }
        return active.find(sha256(secret));
    }

    private static boolean base64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
