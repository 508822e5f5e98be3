package dev.keel.annotations.scan;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * Calls one method of one object with an array of arguments, through a method handle made once: no reflection
 * and no wrapping of what the method throws on the way.
 */
final class Invoker {

    private final MethodHandle handle;
    /** The method, as messages name it; {@code null} for a method that returns nothing. */
    private final String returnsValue;

    private Invoker(MethodHandle handle, String returnsValue) {
        this.handle = handle;
        this.returnsValue = returnsValue;
    }

    /**
     * An invoker of {@code method} on {@code target}; {@code null} if this module may not call the method (said
     * in {@code problems}).
     */
    static Invoker of(Object target, Method method, Problems problems) {
        MethodHandle handle;
        try {
            if (!method.trySetAccessible()) {
                throw new IllegalAccessException("dev.keel.annotations cannot call it: make the method and its class"
                        + " public in an exported package, or open " + method.getDeclaringClass().getPackageName()
                        + " to dev.keel.annotations in its module-info");
            }
            handle = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException e) {
            problems.add(method, e.getMessage());
            return null;
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            handle = handle.bindTo(target);
        }
        handle = handle.asSpreader(Object[].class, method.getParameterCount())
                .asType(MethodType.methodType(Object.class, Object[].class));
        Class<?> returned = method.getReturnType();
        return new Invoker(handle, returned == void.class || returned == Void.class ? null : Problems.describe(method));
    }

    /**
     * Calls the method; what it throws, it throws here.
     *
     * @throws IllegalStateException if a method that returns a value returned {@code null}
     */
    Object invoke(Object[] arguments) throws Exception {
        Object value;
        try {
            value = (Object) handle.invokeExact(arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
        if (value == null && returnsValue != null) {
            throw new IllegalStateException(returnsValue + " returned null");
        }
        return value;
    }
}
