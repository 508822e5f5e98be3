package dev.keel.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import dev.keel.core.spi.Timers;
import dev.keel.jsonrpc.Response;

/**
 * The engine's step that keeps each request to its time limit ({@link Router.Deadline}: a tool's own
 * timeout, else the server's request timeout). It runs last, after the user's middleware, so that the
 * timeout answer travels back up the chain like any other answer and every middleware sees it.
 *
 * <p>At the deadline the handler is interrupted; when it returns, its response is replaced by the
 * timeout answer. A handler that ignores the interrupt for {@link #STRAGGLER_GRACE} does not keep the
 * client waiting: the timeout answer then goes to the client at once (and a warning to the log), and
 * the chain sees it when the handler finally returns. Keel's timer only flags and interrupts; the
 * straggler's answer is written by a virtual thread, so no client slows the timer.
 */
final class Deadlines implements Middleware {

    private static final System.Logger LOG = System.getLogger("dev.keel.core");
    static final Duration STRAGGLER_GRACE = Duration.ofSeconds(1);

    private final Router router;
    private final Supplier<Timers> timers;
    private final EraResolution era;

    Deadlines(Router router, Supplier<Timers> timers, EraResolution era) {
        this.router = router;
        this.timers = timers;
        this.era = era;
    }

    @Override
    public String name() {
        return "deadlines";
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public Response handle(Call call, Chain chain) {
        RequestScope scope = call.context().scope;
        InFlight f = scope == null ? null : scope.inFlight;
        Router.Deadline deadline = f == null ? null : router.deadline(call.method());
        Duration limit = deadline == null ? null : deadline.of(call);
        if (limit == null) {
            return chain.proceed(call);
        }
        ScheduledFuture<?> timer = timers.get().after(limit, () -> {
            if (f.expire()) {
                timers.get().after(STRAGGLER_GRACE, () -> straggling(call, f, deadline, limit));
            }
        });
        f.deadline(Instant.now().plus(limit), timer);
        Response response;
        try {
            response = chain.proceed(call);
        } finally {
            f.returned();
            f.disarm();
        }
        return f.expired() ? deadline.expired(call, limit) : response;
    }

    /** The handler ignored its interrupt: the client gets its answer now, written by a thread of its own. */
    private void straggling(Call call, InFlight f, Router.Deadline deadline, Duration limit) {
        if (f.hasReturned()) {
            return;
        }
        Thread.ofVirtual().name("keel-deadline").start(() -> {
            LOG.log(System.Logger.Level.WARNING, "{0} {1} ignored its interruption {2} after its deadline of {3};"
                    + " answering without it", LogText.of(call.method()), call.target() == null ? "" : LogText.of(call.target()),
                    describe(STRAGGLER_GRACE), describe(limit));
            CallContext context = call.context();
            Response answer = era.finish(deadline.expired(call, limit), context);
            f.answer(context.scope.encode(answer, context.protocolVersion()), ServerChannel.code(answer), false);
        });
    }

    /**
     * The server's {@code requestTimeout}, answered with {@code -32603} that says so: the deadline of a
     * resource read or a prompt.
     */
    static Router.Deadline requestTimeout(EngineSettings settings) {
        return new Router.Deadline() {
            @Override
            public Duration of(Call call) {
                return settings.requestTimeout();
            }

            @Override
            public Response expired(Call call, Duration limit) {
                return tooLong(call, limit);
            }
        };
    }

    /** A failure for a request that ran past {@code limit} (a resource read, a prompt). */
    static Response tooLong(Call call, Duration limit) {
        return Response.failure(call.id(), McpException.internalError(call.method() + " did not finish within "
                + describe(limit) + " and was stopped").toError(call.context().protocolVersion()));
    }

    /** {@code d} for people: whole seconds as {@code 5 s}, else milliseconds. */
    static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
