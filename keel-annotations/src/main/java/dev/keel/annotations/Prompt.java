package dev.keel.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.keel.spec.GetPromptResult;
import dev.keel.spec.PromptMessage;

/**
 * Declares a method as a prompt. Its parameters are the prompt's arguments (see {@link Arg}); it returns a
 * {@link GetPromptResult}, one {@link PromptMessage} or a list of them, or a
 * {@code String}, which becomes one user message.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Prompt {

    /** The prompt's name; the method's name if empty. */
    String name() default "";

    /** A display name. */
    String title() default "";

    /** What the prompt is for. */
    String description() default "";
}
