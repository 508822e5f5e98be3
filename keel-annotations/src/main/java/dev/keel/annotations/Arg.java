package dev.keel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * Describes a parameter of a {@link Tool}, {@link Resource} or {@link Prompt} method. Without it a parameter is
 * bound by its own name (compile with {@code -parameters}) and is required, unless its type is
 * {@link Optional}.
 *
 * <p>For a tool, the parameter's type gives its schema and how the argument is bound (by Jackson). For a
 * resource template, the parameter receives the template variable of the same name; for a prompt, the argument
 * of that name. Those arrive as text and are converted to {@code String}, the primitive types and their boxes,
 * enums, or any type Jackson reads from a JSON string ({@code UUID}, {@code LocalDate}, …).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Arg {

    /** The value of {@link #defaultValue()} that means "no default". */
    String NO_DEFAULT = "\u0000keel:no-default";

    /** The argument's name; the parameter's name if empty. */
    String name() default "";

    /** What the argument means, for the model (and, for a prompt, the person filling it in). */
    String description() default "";

    /** Whether a call must give the argument. An absent optional argument is {@code null}. */
    boolean required() default true;

    /**
     * The value an absent argument takes, which also makes it optional: for a tool, JSON text of the parameter's
     * type ({@code 3}, {@code true}, {@code ["a"]}), or plain text for a {@code String}; for resources and prompts,
     * the text of the value. It is checked when the method is registered and shown to the model as the schema's
     * {@code default}.
     */
    String defaultValue() default NO_DEFAULT;
}
