package dev.keel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;

import org.junit.jupiter.api.Test;

/** What one client is, for the limits per client: an IPv4 address, an IPv6 /64. */
class ClientKeyTest {

    private static ClientKey of(String address, int port) throws Exception {
        return ClientKey.of(new InetSocketAddress(InetAddress.getByName(address), port));
    }

    @Test
    void anIpv4ClientIsItsAddressWhateverItsPort() throws Exception {
        assertThat(of("192.0.2.7", 1000)).isEqualTo(of("192.0.2.7", 2000));
        assertThat(of("192.0.2.7", 1000)).isNotEqualTo(of("192.0.2.8", 1000));
        assertThat(of("192.0.2.7", 1000)).hasToString("192.0.2.7");
    }

    @Test
    void anIpv6ClientIsItsSlash64() throws Exception {
        assertThat(of("2001:db8:0:1::1", 1)).isEqualTo(of("2001:db8:0:1:ffff:ffff:ffff:ffff", 2));
        assertThat(of("2001:db8:0:1::1", 1)).isNotEqualTo(of("2001:db8:0:2::1", 1));
        assertThat(of("2001:db8:0:1::1", 1).toString()).startsWith("2001:db8:0:1:").endsWith("/64");
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Client() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[14] = 2;
        mapped[15] = 7;
        assertThat(ClientKey.of(new InetSocketAddress(InetAddress.getByAddress(mapped), 1))).isEqualTo(of("192.0.2.7", 1));
        // as a dual-stack socket may report it: an Inet6Address holding the mapped bytes
        InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(ClientKey.of(new InetSocketAddress(v6, 1))).isEqualTo(of("192.0.2.7", 1));
    }

    @Test
    void aPeerWithoutAnIpAddressSharesOneKey() {
        assertThat(ClientKey.of(UnixDomainSocketAddress.of("/tmp/keel.sock"))).isSameAs(ClientKey.UNKNOWN);
        assertThat(ClientKey.of((java.net.SocketAddress) null)).isSameAs(ClientKey.UNKNOWN);
        assertThat(ClientKey.UNKNOWN).hasToString("an unknown address");
    }
}
