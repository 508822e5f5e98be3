package dev.keel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method as a tool. Its parameters are the tool's arguments (see {@link Arg}), its return value the
 * result:
 * <ul>
 * <li>a {@link dev.keel.spec.CallToolResult} is returned as it is;</li>
 * <li>a {@code String} becomes one text block, a {@link dev.keel.spec.ContentBlock} the one block, {@code void}
 *     an empty result;</li>
 * <li>anything else (a record, a list, a map, a number) becomes {@code structuredContent}, described by an output
 *     schema generated from the return type, plus the same JSON as text.</li>
 * </ul>
 *
 * <p>The hints default to what the MCP specification assumes of a tool that says nothing (it may change things,
 * destructively, not idempotently, and reach outside systems); only the hints that differ are sent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** The tool's name; the method's name if empty. 1 to 128 of {@code A-Z a-z 0-9 _ - .}. */
    String name() default "";

    /** A display name. */
    String title() default "";

    /** What the tool does, for the model. */
    String description() default "";

    /** The tool does not change its environment ({@code readOnlyHint}). */
    boolean readOnly() default false;

    /** A change it makes may destroy something ({@code destructiveHint}); meaningful when not read-only. */
    boolean destructive() default true;

    /** Calling it again with the same arguments changes nothing more ({@code idempotentHint}). */
    boolean idempotent() default false;

    /** It reaches systems outside the server ({@code openWorldHint}). */
    boolean openWorld() default true;

    /**
     * How long a call may run before it is stopped, as an ISO-8601 duration ({@code PT30S}) or a number with
     * {@code ms}, {@code s}, {@code m} or {@code h} ({@code 30s}); the server's default if empty.
     */
    String timeout() default "";

    /**
     * The method never blocks (no I/O, sleeps or questions to the client), so a call may run on the transport's
     * own thread; see {@link dev.keel.core.Tool.Builder#nonBlocking()}.
     */
    boolean nonBlocking() default false;
}
