/** A server that is a Java module: Keel's modules by name, its package opened to what reads it reflectively. */
module com.example.modular {
    requires dev.keel.annotations;
    requires dev.keel.transport.stdio;

    // @Tool methods are found and called by dev.keel.annotations; records are read and written by Jackson
    opens com.example.modular to dev.keel.annotations, tools.jackson.databind;
}
