package dev.keel.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys that seal what the server hands to clients and must get back unchanged: the
 * {@code requestState} of multi round-trip requests and list cursors. Each key has an id that
 * travels with what it sealed, so keys can be rotated: seal with the current key, open with any
 * listed one.
 *
 * <p>A server with no keys configured makes a random one at start; what it sealed then cannot be
 * opened by another node or after a restart. Servers behind a load balancer share their keys through
 * configuration. Immutable and thread-safe.
 */
public final class StateKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private StateKeys(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    /** One random 256-bit key, for a single process. */
    public static StateKeys random() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        return new StateKeys("r" + HexFormat.of().formatHex(id), Map.of("r" + HexFormat.of().formatHex(id),
                new SecretKeySpec(key, "AES")));
    }

    /**
     * Keys from configuration: {@code keys} maps ids to base64-encoded AES keys of 16, 24 or 32 bytes;
     * {@code currentId} names the one that seals.
     *
     * @throws IllegalArgumentException naming the id of a malformed key, or an unknown current id
     */
    public static StateKeys of(String currentId, Map<String, String> keys) {
        Objects.requireNonNull(currentId, "currentId");
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        keys.forEach((id, encoded) -> {
            if (id.isEmpty() || id.length() > 32 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("key id '" + id + "' must be 1 to 32 visible ASCII characters");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key " + id + " is not valid base64", e);
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalArgumentException("key " + id + " must be 16, 24 or 32 bytes, was " + key.length);
            }
            parsed.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!parsed.containsKey(currentId)) {
            throw new IllegalArgumentException("the current key id '" + currentId + "' is not among the keys "
                    + parsed.keySet());
        }
        return new StateKeys(currentId, parsed);
    }

    /** The id of the key that seals. */
    public String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    SecretKey key(String id) {
        return keys.get(id);
    }
}
