package dev.keel.transport.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Who a per-client limit counts against ({@link PerAddressLimits}). Today that is the remote address:
 * an IPv4 address as it is, an IPv6 address by its /64 network (one host is usually given a whole /64,
 * so counting single IPv6 addresses would let one client pose as 2<sup>64</sup> clients), an
 * IPv4-mapped IPv6 address as its IPv4 address.
 *
 * <p>The next step, once authentication exists, is a principal: a key of its own kind beside
 * {@link Address}, so that clients behind one NAT or proxy are told apart and one client cannot spread
 * over many addresses. Connections stay counted per address: they exist before any credential does.
 */
sealed interface ClientKey permits ClientKey.Address {

    /** The key of a peer whose address is unknown (not an IP socket): all such peers share it. */
    ClientKey UNKNOWN = new Address(null);

    /** The key of the peer at {@code remote}. */
    static ClientKey of(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return UNKNOWN;
        }
        InetAddress address = inet.getAddress();
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            // ::ffff:a.b.c.d is an IPv4 client on a dual-stack socket: the JDK makes it an Inet4Address again
            if (!isV4Mapped(bytes)) {
                Arrays.fill(bytes, 8, 16, (byte) 0);
            }
            try {
                address = InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return new Address(address);
    }

    /** The key of the peer of {@code request}'s connection. */
    static ClientKey of(org.eclipse.jetty.server.Request request) {
        return of(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    private static boolean isV4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /**
     * A remote address: an IPv4 address, or an IPv6 /64 network (the rest of the address zeroed).
     *
     * @param network the address or network; null for a peer whose address is unknown
     */
    record Address(InetAddress network) implements ClientKey {
        /** The address as a log line or a message shows it: {@code 192.0.2.7} or {@code 2001:db8:0:1::/64}; never a host name. */
        @Override
        public String toString() {
            if (network == null) {
                return "an unknown address";
            }
            return network instanceof Inet4Address ? network.getHostAddress() : network.getHostAddress() + "/64";
        }
    }
}
