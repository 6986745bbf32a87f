package io.knotwise.channel;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import java.util.concurrent.Callable;

/**
 * The network a fuzz test may reach: this machine's loopback only. Jazzer's request-forgery detector reports any
 * other connection as a finding. Stateless.
 */
public final class LoopbackOnly {

    private LoopbackOnly() {
    }

    /**
     * Lets the fuzz test connect to loopback until closed. Called at the start of each execution: Jazzer's detector
     * exists only once the fuzz test runs, and forbids every connection from then on unless told otherwise.
     */
    public static SilentCloseable allow() {
        return BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1")
                || host.equals("localhost"));
    }

    /** Calls the app under test with loopback connections allowed (see {@link #allow()}). */
    public static <T> T call(Callable<T> request) throws Exception {
        try (SilentCloseable allowed = allow()) {
            return request.call();
        }
    }
}
