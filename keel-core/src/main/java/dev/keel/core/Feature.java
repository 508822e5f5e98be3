package dev.keel.core;

/**
 * One capability of the engine (tools; resources; prompts; completion; logging; listen; discovery and
 * initialize): it owns its registry, if it has one, and adds the routes of its methods to the
 * {@link Router}. Nothing outside a feature touches its registry. A new capability is a new feature,
 * perhaps with a middleware of its own, never another branch in a dispatcher.
 */
interface Feature {

    /** Adds the routes of the methods this feature serves. */
    void addRoutes(Router router);
}
