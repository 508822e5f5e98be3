package dev.keel.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.keel.spec.PaginatedRequestParams;

/**
 * Pages of a list and their cursors. Cursors are sealed (AES-GCM) and bound to their list: a forged,
 * altered or other list's cursor is invalid params.
 */
final class Paging {

    /** One page of a list and the sealed cursor of the next, if any. */
    record Page<T>(List<T> items, String next) {
    }

    /**
     * Longer than any cursor this server seals (a list name and an offset, a key id of at most 32
     * characters, the nonce and the tag, in base64: about 100 characters), so a cursor past it is
     * refused without being decoded.
     */
    static final int MAX_CURSOR_LENGTH = 256;

    private final Sealer sealer;
    private final int pageSize;

    Paging(Sealer sealer, int pageSize) {
        this.sealer = sealer;
        this.pageSize = pageSize;
    }

    /** The page of {@code all} that the request's cursor points at. */
    <T> Page<T> page(Call call, String list, List<T> all) {
        int offset = 0;
        if (call.params() != null) {
            String cursor = Params.bind(call.params(), PaginatedRequestParams.class, call.method()).cursor();
            if (cursor != null) {
                offset = open(cursor, list, call.method());
            }
        }
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + pageSize);
        String next = to < all.size() ? sealer.seal((list + ":" + to).getBytes(StandardCharsets.US_ASCII), "cursor") : null;
        return new Page<>(all.subList(from, to), next);
    }

    private int open(String cursor, String list, String method) {
        // longer than any cursor this server seals: refused before it is decoded
        byte[] plain = cursor.length() > MAX_CURSOR_LENGTH ? null : sealer.open(cursor, "cursor");
        String text = plain == null ? "" : new String(plain, StandardCharsets.US_ASCII);
        int colon = text.indexOf(':');
        if (colon < 0 || !text.substring(0, colon).equals(list)) {
            throw McpException.invalidParams("Invalid params: the cursor is not one this server issued for " + method);
        }
        return Integer.parseInt(text.substring(colon + 1));
    }
}
