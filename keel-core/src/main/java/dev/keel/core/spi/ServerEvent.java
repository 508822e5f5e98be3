package dev.keel.core.spi;

import java.util.Objects;

/**
 * A change every client that listens should hear of: the lists of tools, prompts or resources
 * changed, or one resource was updated. Published on an {@link EventBus}; small and serialisable so
 * that a bus can carry it between nodes.
 */
public sealed interface ServerEvent {

    /** The tools changed. */
    record ToolsChanged() implements ServerEvent {
    }

    /** The prompts changed. */
    record PromptsChanged() implements ServerEvent {
    }

    /** The resources or resource templates changed. */
    record ResourcesChanged() implements ServerEvent {
    }

    /** The resource {@code uri} was updated. */
    record ResourceUpdated(String uri) implements ServerEvent {
        public ResourceUpdated {
            Objects.requireNonNull(uri, "uri");
        }
    }
}
