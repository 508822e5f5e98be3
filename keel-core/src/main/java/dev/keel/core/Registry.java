package dev.keel.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A named collection that changes rarely and is read on every request: writers copy, readers see
 * an immutable snapshot without locking. Iteration follows insertion order.
 *
 * @param <V> the registered values
 */
final class Registry<V> {

    private final String kind;
    /** Called after every change, outside the write lock: a change notification. */
    private final Runnable changed;
    private final Object writeLock = new Object();
    private volatile Map<String, V> snapshot = Map.of();
    private volatile List<V> values = List.of();

    /** A registry of {@code kind}s (for messages) that calls {@code changed} after every change. */
    Registry(String kind, Runnable changed) {
        this.kind = kind;
        this.changed = changed;
    }

    V get(String key) {
        return snapshot.get(key);
    }

    List<V> values() {
        return values;
    }

    <T> List<T> values(Function<V, T> mapping) {
        List<V> current = values;
        List<T> mapped = new ArrayList<>(current.size());
        for (V value : current) {
            mapped.add(mapping.apply(value));
        }
        return Collections.unmodifiableList(mapped);
    }

    void add(String key, V value) {
        synchronized (writeLock) {
            if (snapshot.containsKey(key)) {
                throw new IllegalArgumentException("a " + kind + " named '" + key + "' is already registered");
            }
            Map<String, V> next = new LinkedHashMap<>(snapshot);
            next.put(key, value);
            publish(next);
        }
        changed.run();
    }

    boolean remove(String key) {
        synchronized (writeLock) {
            if (!snapshot.containsKey(key)) {
                return false;
            }
            Map<String, V> next = new LinkedHashMap<>(snapshot);
            next.remove(key);
            publish(next);
        }
        changed.run();
        return true;
    }

    private void publish(Map<String, V> next) {
        Map<String, V> frozen = Collections.unmodifiableMap(next);
        List<V> list = List.copyOf(next.values());
        snapshot = frozen;
        values = list;
    }
}
