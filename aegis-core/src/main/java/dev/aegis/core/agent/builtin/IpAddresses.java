package dev.aegis.core.agent.builtin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without ever asking DNS: dotted-quad IPv4 (no leading zeros) and IPv6 (an
 * IPv4-mapped IPv6 address becomes its IPv4 address). Host names and zone ids are refused.
 */
final class IpAddresses {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {}

    static Optional<InetAddress> parse(String text) {
        if (IPV4.matcher(text).matches()) {
            return Optional.of(ipv4(text));
        }
        if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
            return ipv6(text);
        }
        return Optional.empty();
    }

    private static InetAddress ipv4(String text) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** Only called with hex digits, colons and dots, so {@code getByName} parses a literal and never resolves. */
    private static Optional<InetAddress> ipv6(String text) {
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
