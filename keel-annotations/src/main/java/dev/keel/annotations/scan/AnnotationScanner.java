package dev.keel.annotations.scan;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.keel.annotations.Prompt;
import dev.keel.annotations.Resource;
import dev.keel.annotations.Tool;
import dev.keel.core.McpServer;
import dev.keel.core.spi.ComponentScanner;
import dev.keel.core.spi.SchemaSupport;

/**
 * Registers the methods of an object annotated {@link Tool}, {@link Resource} and {@link Prompt}: core finds it
 * with {@link java.util.ServiceLoader} for {@link McpServer#register(Object)}; applications do not use it
 * directly.
 *
 * <p>Every method of the object's class and its superclasses is read once, at registration: declarations are
 * checked (every problem is reported at once, each naming its method), schemas generated, and a method handle made
 * for each. Methods are registered in the order of their names. Thread-safe.
 */
public final class AnnotationScanner implements ComponentScanner {

    /** What {@link java.util.ServiceLoader} makes. */
    public AnnotationScanner() {
    }

    @Override
    public void register(Object component, McpServer server) {
        Class<?> type = component.getClass();
        Problems problems = new Problems(type);
        List<Registration> registrations = new ArrayList<>();
        SchemaSupport schemas = null;
        for (Method method : declaredMethods(type)) {
            Tool tool = method.getAnnotation(Tool.class);
            Resource resource = method.getAnnotation(Resource.class);
            Prompt prompt = method.getAnnotation(Prompt.class);
            int declarations = (tool != null ? 1 : 0) + (resource != null ? 1 : 0) + (prompt != null ? 1 : 0);
            if (declarations == 0) {
                continue;
            }
            if (declarations > 1) {
                problems.add(method, "is annotated as more than one of @Tool, @Resource and @Prompt");
                continue;
            }
            Registration registration;
            if (tool != null) {
                if (schemas == null) {
                    schemas = SchemaSupport.installed().orElseThrow(() -> new IllegalStateException("the @Tool methods of "
                            + type.getName() + " need keel-schema on the class path, to generate their schemas"));
                }
                registration = ToolMethods.of(component, method, tool, server, schemas, problems);
            } else if (resource != null) {
                registration = ResourceMethods.of(component, method, resource, server, problems);
            } else {
                registration = PromptMethods.of(component, method, prompt, server, problems);
            }
            if (registration != null) {
                registrations.add(registration);
            }
        }
        problems.throwIfAny();
        if (registrations.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " declares no @Tool, @Resource or @Prompt method");
        }
        addAll(registrations);
    }

    /** Adds every registration, or, if the server refuses one (a name taken), none. */
    private static void addAll(List<Registration> registrations) {
        List<Registration> added = new ArrayList<>();
        for (Registration registration : registrations) {
            try {
                registration.add().run();
                added.add(registration);
            } catch (IllegalArgumentException e) {
                added.reversed().forEach(r -> r.remove().run());
                throw new IllegalArgumentException(Problems.describe(registration.method()) + ": cannot add its "
                        + registration.what() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The methods of {@code type} and its superclasses, minus those a subclass overrides, bridges and synthetic
     * methods, in the order of their names (the JDK promises no order of its own).
     */
    static List<Method> declaredMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isBridge() || method.isSynthetic()) {
                    continue;
                }
                if (seen.add(method.getName() + Arrays.toString(method.getParameterTypes()))) {
                    methods.add(method);
                }
            }
        }
        methods.sort(Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())));
        return methods;
    }
}
