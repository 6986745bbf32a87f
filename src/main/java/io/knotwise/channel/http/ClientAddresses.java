package io.knotwise.channel.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Who a request comes from, for the rate limits. Behind trusted proxies with a header such as
 * {@code X-Forwarded-For} configured, the client is the rightmost address in it that is not one of the proxies: the
 * entries to its left were written by the client and prove nothing. A request that does not come from a trusted proxy
 * is its socket's peer, whatever its headers say. Immutable and thread-safe.
 */
final class ClientAddresses {

    /** An IP literal (v4 or v6): only these are parsed, so no header value ever causes a DNS lookup. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int LONGEST = 64;

    private final String header;
    private final InetAddressSet trusted = new InetAddressSet();

    /**
     * @param header the header a trusted proxy names the client in, or null to use the socket's peer
     * @param trustedProxies addresses or CIDR ranges ("10.0.0.0/8") of the proxies in front of the guide
     */
    ClientAddresses(String header, List<String> trustedProxies) {
        this.header = header;
        trustedProxies.forEach(trusted::add);
    }

    String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (header == null || !trusted(peer)) {
            return peer;
        }
        String forwarded = ctx.header(header);
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trusted(hop)) {
                return hop.length() > LONGEST ? hop.substring(0, LONGEST) : hop;
            }
        }
        return peer;
    }

    private boolean trusted(String address) {
        if (!LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return trusted.test(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
