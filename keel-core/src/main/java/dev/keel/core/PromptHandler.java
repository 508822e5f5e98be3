package dev.keel.core;

import dev.keel.spec.GetPromptResult;

/** Renders a prompt: plain blocking code on the request's virtual thread. */
@FunctionalInterface
public interface PromptHandler {

    /** Renders the prompt for {@code call}; never returns {@code null}. */
    GetPromptResult get(PromptCall call) throws Exception;
}
