package dev.keel.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals bytes with AES-GCM so that what a client returns is exactly what the server gave it: a
 * changed, truncated or foreign token does not open. The purpose ("cursor", "request-state") is
 * authenticated too, so a token made for one use is refused for another.
 *
 * <p>Token: base64url of {@code 1 | id length | key id | 12-byte nonce | ciphertext and tag}.
 * Thread-safe.
 */
final class Sealer {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StateKeys keys;

    Sealer(StateKeys keys) {
        this.keys = keys;
    }

    String seal(byte[] plaintext, String purpose) {
        byte[] id = keys.currentId().getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(purpose, id));
            byte[] sealed = cipher.doFinal(plaintext);
            ByteBuffer out = ByteBuffer.allocate(2 + id.length + NONCE + sealed.length);
            out.put(VERSION).put((byte) id.length).put(id).put(nonce).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext of {@code token}, or {@code null} if it is malformed, foreign, tampered with or for another purpose. */
    byte[] open(String token, String purpose) {
        if (token == null || token.isEmpty() || token.length() > 1_000_000) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length < 2 + NONCE + TAG_BITS / 8 || raw[0] != VERSION) {
            return null;
        }
        int idLength = raw[1] & 0xff;
        if (raw.length < 2 + idLength + NONCE + TAG_BITS / 8) {
            return null;
        }
        byte[] id = Arrays.copyOfRange(raw, 2, 2 + idLength);
        SecretKey key = keys.key(new String(id, StandardCharsets.US_ASCII));
        if (key == null) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 2 + idLength, NONCE));
            cipher.updateAAD(aad(purpose, id));
            int offset = 2 + idLength + NONCE;
            return cipher.doFinal(raw, offset, raw.length - offset);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static byte[] aad(String purpose, byte[] id) {
        byte[] p = ("keel/" + purpose + "/").getBytes(StandardCharsets.US_ASCII);
        byte[] aad = new byte[p.length + id.length];
        System.arraycopy(p, 0, aad, 0, p.length);
        System.arraycopy(id, 0, aad, p.length, id.length);
        return aad;
    }
}
