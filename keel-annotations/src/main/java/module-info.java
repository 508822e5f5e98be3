/**
 * Tools, resources and prompts declared on methods: {@link dev.keel.annotations.Tool},
 * {@link dev.keel.annotations.Resource}, {@link dev.keel.annotations.Prompt} and {@link dev.keel.annotations.Arg},
 * registered with {@code McpServer.register(object)}.
 *
 * <p>The classes that declare them must be readable by this module: public in an exported package, or in a
 * package their module opens to {@code dev.keel.annotations}.
 */
module dev.keel.annotations {
    requires transitive dev.keel.core;

    exports dev.keel.annotations;

    provides dev.keel.core.spi.ComponentScanner with dev.keel.annotations.scan.AnnotationScanner;
}
