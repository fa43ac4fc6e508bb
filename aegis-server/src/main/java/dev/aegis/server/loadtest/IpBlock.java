package dev.aegis.server.loadtest;

import java.nio.charset.StandardCharsets;

/**
 * A block of addresses the generated logins come from, written with a fixed-width host part so that each subject
 * can be given its own address by patching the body in place: two octets {@code 100-255} in a /16, one octet
 * {@code 100-254} in a /24, or four hex digits {@code 1000-ffff} in an IPv6 prefix.
 */
record IpBlock(String prefix, Shape shape) {

    enum Shape {
        TWO_OCTETS("100.100"),
        ONE_OCTET("100"),
        HEX_GROUP("1000");

        private final String placeholder;

        Shape(String placeholder) {
            this.placeholder = placeholder;
        }
    }

    static IpBlock slash16(String twoOctets) {
        return new IpBlock(twoOctets + ".", Shape.TWO_OCTETS);
    }

    static IpBlock slash24(String threeOctets) {
        return new IpBlock(threeOctets + ".", Shape.ONE_OCTET);
    }

    static IpBlock ipv6(String prefix) {
        return new IpBlock(prefix, Shape.HEX_GROUP);
    }

    /** The address with a placeholder host part, as written in a template. */
    String placeholder() {
        return prefix + shape.placeholder;
    }

    /** Writes the host part chosen by {@code hash} over the placeholder at {@code offset}. */
    static void patch(byte[] body, int offset, Shape shape, long hash) {
        switch (shape) {
            case TWO_OCTETS -> {
                decimal(body, offset, 100 + Math.floorMod(hash, 156));
                decimal(body, offset + 4, 100 + Math.floorMod(hash >>> 16, 156));
            }
            case ONE_OCTET -> decimal(body, offset, 100 + Math.floorMod(hash, 155));
            case HEX_GROUP -> {
                String group = Integer.toHexString(0x1000 + Math.floorMod(hash, 0xf000));
                System.arraycopy(group.getBytes(StandardCharsets.US_ASCII), 0, body, offset, group.length());
            }
        }
    }

    private static void decimal(byte[] body, int offset, long threeDigits) {
        body[offset] = (byte) ('0' + threeDigits / 100);
        body[offset + 1] = (byte) ('0' + threeDigits / 10 % 10);
        body[offset + 2] = (byte) ('0' + threeDigits % 10);
    }
}
