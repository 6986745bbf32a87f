package io.knotwise.channel.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one client address may hold open at once: a connection over the cap is closed as soon as it
 * opens, so a few hosts trickling bytes cannot take every socket and leave others waiting. Thread-safe.
 */
final class ConnectionsPerAddress implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int limit;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    /** The connections counted, with their address (gone from the socket once it is closed): each let go once. */
    private final ConcurrentHashMap<Connection, String> counted = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    @Override
    public void onOpened(Connection connection) {
        String address = address(connection.getEndPoint().getRemoteSocketAddress());
        int now = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (now <= limit) {
            counted.put(connection, address);
            return;
        }
        // Not counted: whether or not Jetty reports its closing, a refused connection leaves the count as it was.
        release(address);
        if (refused.getAndIncrement() % 100 == 0) {
            // Logged once per hundred, so a flood cannot fill the log.
            LOG.warn("a client address holds {} connections, the limit; closing a new one", limit);
        }
        connection.getEndPoint().close();
    }

    @Override
    public void onClosed(Connection connection) {
        String address = counted.remove(connection);
        if (address != null) {
            release(address);
        }
    }

    private void release(String address) {
        open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private static String address(SocketAddress socket) {
        return socket instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(socket);
    }
}
