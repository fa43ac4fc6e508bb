package dev.aegis.core.agent.builtin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A CIDR block such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address is a block of one. */
final class IpBlock {

    private final String text;
    private final byte[] network;
    private final int prefix;

    private IpBlock(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying why it is not a block
     */
    static IpBlock parse(String text) {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        byte[] address = IpAddresses.parse(literal)
                .map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException("'" + literal + "' is not an IP address literal"));
        int bits = address.length * 8;
        int prefix = slash < 0 ? bits : prefixLength(text.substring(slash + 1), bits);
        byte[] network = masked(address, prefix);
        if (!Arrays.equals(network, address)) {
            throw new IllegalArgumentException(
                    "has host bits set; did you mean " + hostAddress(network) + "/" + prefix + "?");
        }
        return new IpBlock(text, network, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int i = 0; i < network.length; i++) {
            if ((candidate[i] & maskByte(i, prefix)) != (network[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            masked[i] = (byte) (address[i] & maskByte(i, prefix));
        }
        return masked;
    }

    /** The bits of byte {@code index} that belong to the network part of a {@code /prefix} block. */
    private static int maskByte(int index, int prefix) {
        int bits = Math.clamp(prefix - index * 8L, 0, 8);
        return (0xFF << (8 - bits)) & 0xFF;
    }

    private static int prefixLength(String text, int bits) {
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) > bits) {
            throw new IllegalArgumentException("prefix length must be 0 to " + bits + ", was '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static String hostAddress(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a parsed address has a valid length", e);
        }
    }
}
