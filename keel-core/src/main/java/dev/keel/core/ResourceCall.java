package dev.keel.core;

import java.util.Map;

/** A {@code resources/read} as its handler sees it. */
public interface ResourceCall extends RequestContext {

    /** The URI being read. */
    String uri();

    /** For a resource template, the values of its variables in {@link #uri()}; empty otherwise. */
    Map<String, String> variables();
}
