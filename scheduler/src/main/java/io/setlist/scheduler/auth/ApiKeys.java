package io.setlist.scheduler.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.setlist.sql.keys.ApiKeyTable;
import io.setlist.sql.keys.ApiKeyTable.StoredKey;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Creates, lists, revokes and checks API keys. A key is {@code sl_} + 32 random bytes (base64url); only its SHA-256
 * is stored. A high-entropy key needs no slow password hash: guessing 256 bits is hopeless either way.
 *
 * <p>Checks are cached for {@code cacheTtl} (unknown keys too, so a flood of bad keys does not reach PostgreSQL):
 * a revoked key stops working within that time in every serving process.
 */
public final class ApiKeys {
    private static final String KEY_PREFIX = "sl_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyTable table;
    private final Cache<String, Optional<Caller>> checked;

    public ApiKeys(DataSource warehouse, Duration cacheTtl) {
        this.table = new ApiKeyTable(warehouse);
        this.checked = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheTtl).build();
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
        return new IssuedKey(secret, stored);
    }

    public List<StoredKey> list() {
        return table.list();
    }

    public boolean revoke(String name) {
        boolean revoked = table.revoke(name);
        checked.invalidateAll();
        return revoked;
    }

    /** The active key behind {@code secret}, or empty for an unknown or revoked one. */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = sha256(secret);
        return checked.get(HexFormat.of().formatHex(hash), h -> table.findByHash(hash)
                .filter(StoredKey::active)
                .map(k -> new Caller(k.id(), k.name(), Scope.parse(k.scope()))));
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
