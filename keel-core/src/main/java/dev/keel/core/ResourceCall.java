package dev.keel.core;

import java.util.Map;

/** A {@code resources/read} as its handler sees it. */
public interface ResourceCall extends RequestContext {

    /** The URI being read. */
    String uri();

    /**
     * For a resource template, the values of its variables in {@link #uri()}, percent-decoded;
     * empty otherwise. They are the client's input: a handler that turns one into a file name must
     * check it, e.g. with {@link ArgumentRules#resolveInside}.
     */
    Map<String, String> variables();
}
