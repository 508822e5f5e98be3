package dev.keel.spec;

import java.util.regex.Pattern;

/** Checks of the encoded values content carries: base64 data and MIME types. */
final class Encodings {

    private static final Pattern MIME_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+(?:\\s*;.*)?");

    private Encodings() {
    }

    /** Checks that {@code data} is base64 (standard alphabet; padding optional), without decoding it. */
    static String requireBase64(String data, String what) {
        int length = data.length();
        int end = length;
        while (end > 0 && data.charAt(end - 1) == '=' && length - end < 2) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = data.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ok) {
                throw new IllegalArgumentException(what + " must be base64, but has '" + c + "' at " + i);
            }
        }
        if (end % 4 == 1 || (end < length && length % 4 != 0)) {
            throw new IllegalArgumentException(what + " is not well-formed base64 (its length is " + length + ")");
        }
        return data;
    }

    /** Checks that {@code mimeType} looks like {@code type/subtype}. */
    static String requireMimeType(String mimeType, String what) {
        if (!MIME_TYPE.matcher(mimeType).matches()) {
            throw new IllegalArgumentException(what + " '" + mimeType + "' is not a MIME type (type/subtype)");
        }
        return mimeType;
    }
}
