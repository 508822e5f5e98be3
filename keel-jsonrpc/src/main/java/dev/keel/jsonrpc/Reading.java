package dev.keel.jsonrpc;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;

/**
 * Per-decode state: where the input lives, the id once read (for errors raised later), and the
 * member names of the objects open at this point, so that a duplicate member anywhere in the
 * message is refused: a JSON object with two members of one name means different things to
 * different readers. One array for all open objects, searched from the current object's start;
 * an object with more than {@link #SCAN} members also gets a set, so a huge one costs no more
 * than linear time.
 */
final class Reading {
    private static final int SCAN = 8;

    final byte[] input;
    final int base;
    RequestId id;
    private String[] names = new String[16];
    private int size;
    private int[] starts = new int[8];
    private Set<?>[] sets = new Set<?>[8];
    private int depth = -1;

    Reading(byte[] input, int base) {
        this.input = input;
        this.base = base;
    }

    void open() {
        if (++depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
            sets = Arrays.copyOf(sets, depth * 2);
        }
        starts[depth] = size;
    }

    void close() {
        size = starts[depth];
        sets[depth] = null;
        depth--;
    }

    @SuppressWarnings("unchecked")
    void name(JsonParser p, String name) {
        int start = starts[depth];
        Set<String> set = (Set<String>) sets[depth];
        if (set != null) {
            if (!set.add(name)) {
                throw duplicate(p, name);
            }
            return;
        }
        for (int i = start; i < size; i++) {
            if (names[i].equals(name)) {  // Jackson canonicalizes names: mostly a reference check
                throw duplicate(p, name);
            }
        }
        if (size - start == SCAN) {
            set = new HashSet<>();
            for (int i = start; i < size; i++) {
                set.add(names[i]);
            }
            set.add(name);
            sets[depth] = set;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        names[size++] = name;
    }

    private static StreamReadException duplicate(JsonParser p, String name) {
        return new StreamReadException(p, "Duplicate Object property \"" + name + "\"");
    }
}
