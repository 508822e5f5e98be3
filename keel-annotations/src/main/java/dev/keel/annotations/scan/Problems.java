package dev.keel.annotations.scan;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** What is wrong with a class's declarations, each naming its method; reported all at once. */
final class Problems {

    private final Class<?> type;
    private final List<String> found = new ArrayList<>();

    Problems(Class<?> type) {
        this.type = type;
    }

    void add(Method method, String problem) {
        found.add(describe(method) + ": " + problem);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws if anything was found. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " declares " + (found.size() == 1 ? "a tool, resource"
                    + " or prompt wrongly: " + found.get(0) : found.size() + " tools, resources or prompts wrongly:\n- "
                    + String.join("\n- ", found)));
        }
    }

    /** {@code WeatherTools.forecast(String, int)}. */
    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
    }
}
