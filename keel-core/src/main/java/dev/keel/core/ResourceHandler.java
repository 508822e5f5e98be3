package dev.keel.core;

import dev.keel.spec.ReadResourceResult;

/**
 * Reads a resource, or a resource of a template: plain blocking code on the request's virtual thread.
 * Throw {@link McpException#resourceNotFound(String)} for a URI that names nothing.
 */
@FunctionalInterface
public interface ResourceHandler {

    /** Reads {@code call.uri()}; never returns {@code null} or an empty result. */
    ReadResourceResult read(ResourceCall call) throws Exception;
}
