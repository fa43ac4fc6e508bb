package dev.aegis.jdbc;

import java.util.Map;

/** The database products the adapters support, told apart by the JDBC URL, and what differs between them. */
enum Vendor {

    /** Embedded, in the JVM: shut down explicitly, since it outlives its connections. */
    H2("jdbc:h2:", Map.of()),

    /** The driver folds a batch of inserts into multi-row inserts: one round trip per batch. */
    POSTGRESQL("jdbc:postgresql:", Map.of("reWriteBatchedInserts", "true"));

    private final String urlPrefix;
    private final Map<String, String> driverProperties;

    Vendor(String urlPrefix, Map<String, String> driverProperties) {
        this.urlPrefix = urlPrefix;
        this.driverProperties = driverProperties;
    }

    static Vendor of(String url) {
        for (Vendor vendor : values()) {
            if (url.startsWith(vendor.urlPrefix)) {
                return vendor;
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL " + url.split("[;?]")[0]
                + ": it must start with jdbc:h2: or jdbc:postgresql:");
    }

    Map<String, String> driverProperties() {
        return driverProperties;
    }
}
