/** Liveness and readiness for Keel servers. */
module dev.keel.health {
    requires transitive dev.keel.transport.http;

    exports dev.keel.health;

    uses dev.keel.health.HealthCheck;
}
