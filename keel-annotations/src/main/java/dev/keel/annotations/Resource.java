package dev.keel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.keel.core.McpException;
import dev.keel.spec.ReadResourceResult;
import dev.keel.spec.ResourceContents;
import dev.keel.spec.ResourceTemplate;

/**
 * Declares a method as a resource, or, when its URI holds {@code {variables}} (RFC 6570, as
 * {@link ResourceTemplate} allows), as a resource template whose variables are bound to the
 * method's parameters of the same names (see {@link Arg}). A plain resource's method takes no arguments but the
 * call.
 *
 * <p>What it returns is read as:
 * <ul>
 * <li>a {@link ReadResourceResult}, as it is, or one {@link ResourceContents};</li>
 * <li>a {@code String}: text of the URI read, of {@link #mimeType()} ({@code text/plain} if empty);</li>
 * <li>a {@code byte[]}: a blob, of {@link #mimeType()} ({@code application/octet-stream} if empty);</li>
 * <li>anything else: its JSON, of {@link #mimeType()} ({@code application/json} if empty).</li>
 * </ul>
 * Throw {@link McpException#resourceNotFound(String)} for a URI that names nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Resource {

    /** The resource's URI, or a URI template with {@code {variables}}. */
    String uri();

    /** The resource's name; the method's name if empty. */
    String name() default "";

    /** A display name. */
    String title() default "";

    /** What the resource holds. */
    String description() default "";

    /** Its MIME type; see the class description for the defaults. */
    String mimeType() default "";
}
