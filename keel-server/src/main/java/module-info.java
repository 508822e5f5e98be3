/** The runnable Keel server: the {@code keel} command line and the built-in toolsets. */
module dev.keel.server {
    requires dev.keel.core;
    requires dev.keel.transport.stdio;
    requires dev.keel.transport.http;
    requires dev.keel.transport.websocket;
    requires transitive dev.keel.config;
    requires transitive dev.keel.health;
    requires dev.keel.client;
    requires dev.keel.schema;
    requires info.picocli;
    requires jdk.unsupported;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    exports dev.keel.server;

    opens dev.keel.server to info.picocli;

    uses dev.keel.server.Toolset;

    provides ch.qos.logback.classic.spi.Configurator with dev.keel.server.LogbackDefaults;
    provides dev.keel.server.Toolset with dev.keel.server.DemoToolset, dev.keel.server.EverythingToolset,
            dev.keel.server.FilesystemToolset;
}
