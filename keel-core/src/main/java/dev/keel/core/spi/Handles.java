package dev.keel.core.spi;

import java.security.SecureRandom;
import java.util.HexFormat;

/** What {@link StateStore}'s handles are made of: a prefix and 128 random bits as hex. */
final class Handles {

    private static final String PREFIX = "st_";
    private static final int HEX_DIGITS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handles() {
    }

    static String mint() {
        byte[] bits = new byte[HEX_DIGITS / 2];
        RANDOM.nextBytes(bits);
        return PREFIX + HexFormat.of().formatHex(bits);
    }

    static boolean wellFormed(String text) {
        if (text == null || text.length() != PREFIX.length() + HEX_DIGITS || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
