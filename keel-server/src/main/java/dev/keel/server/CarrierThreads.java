package dev.keel.server;

/**
 * How many carrier threads the JDK's virtual-thread scheduler gets in the {@code keel} process.
 *
 * <p>The JDK gives it one per available processor. With one or two, a blocking tool's virtual
 * threads wake late: a JFR recording showed the one carrier parked for about 23 ms at a time while
 * virtual threads whose {@code sleep} had ended waited to run, and the core idle half the time
 * (likely JDK 25's lazy submission of a virtual thread whose timed park ended, which wakes no idle
 * carrier: it ran when the next request's hand-off woke one). Measured with 1,000 concurrent 100 ms {@code sleep} calls on one core
 * (docs/benchmarks.md): 6,600 calls/s with one carrier, 7,700 with two, 9,000 with four, 8,900 with
 * eight. So {@code keel} asks for at least {@value #AT_LEAST}; on larger machines the JDK's default
 * stands, and {@code -Djdk.virtualThreadScheduler.parallelism=N} always wins.
 *
 * <p>The property is read once, when the first virtual thread is made, so {@link #configure()}
 * must run before anything starts one: it is the first thing {@link KeelMain#main} does. An
 * application that embeds Keel chooses for its own JVM.
 */
final class CarrierThreads {

    static final String PROPERTY = "jdk.virtualThreadScheduler.parallelism";
    static final int AT_LEAST = 4;

    private CarrierThreads() {
    }

    /** Sets the property unless it is set already. */
    static void configure() {
        String chosen = parallelism(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
        if (chosen != null) {
            System.setProperty(PROPERTY, chosen);
        }
    }

    /** The value to set, or null to leave the JDK's choice (the user's, or one per processor). */
    static String parallelism(String configured, int processors) {
        if (configured != null || processors >= AT_LEAST) {
            return null;
        }
        return Integer.toString(AT_LEAST);
    }
}
