package dev.keel.transport.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Runs a handler that may block (a stream it holds open, a health check it waits for) on a virtual
 * thread of its own, so that it never holds one of Jetty's platform threads.
 */
final class VirtualThreadHandler extends Handler.Wrapper {

    VirtualThreadHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        AsyncResponses.onVirtualThread(request, response, callback, () -> {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        });
        return true;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
