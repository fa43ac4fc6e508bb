package dev.aegis.server.config;

/** Where a configuration value was written: a file and line, or an environment variable (line 0). */
record Origin(String source, int line) {

    static Origin variable(String name) {
        return new Origin("environment variable " + name, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
