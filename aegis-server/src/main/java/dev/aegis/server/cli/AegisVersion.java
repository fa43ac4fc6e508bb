package dev.aegis.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version from the jar's Maven metadata, and the Java runtime it runs on. */
final class AegisVersion implements CommandLine.IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/dev.aegis/aegis-server/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "aegis " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** The project version, or {@code development build} when not run from the packaged jar. */
    static String version() {
        try (InputStream in = AegisVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "development build";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development build");
        } catch (IOException e) {
            return "development build";
        }
    }
}
