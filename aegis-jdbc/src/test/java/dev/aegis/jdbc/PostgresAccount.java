package dev.aegis.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating system's {@code postgres} account, which the servers the ITs start run as (PostgreSQL and
 * pgbouncer refuse root): runs commands as it, through {@code runuser} when the tests run as root, and hands it
 * the files it needs.
 */
final class PostgresAccount {

    static final String NAME = "postgres";

    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private PostgresAccount() {}

    /** Runs {@code command} as postgres in {@code directory} and answers its output; fails when it fails. */
    static String run(Path directory, List<String> command) {
        Process process = start(directory, command, ProcessBuilder.Redirect.PIPE);
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("reading the output of " + String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Starts {@code command} as postgres in {@code directory}, its output and errors going to {@code output}. */
    static Process start(Path directory, List<String> command, ProcessBuilder.Redirect output) {
        List<String> asPostgres = new ArrayList<>();
        if (!NAME.equals(System.getProperty("user.name"))) {
            asPostgres.addAll(List.of("runuser", "-u", NAME, "--"));
        }
        asPostgres.addAll(command);
        try {
            return new ProcessBuilder(asPostgres).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", asPostgres)
                    + ": the ITs run as root or as postgres", e);
        }
    }

    /** A new, empty directory that postgres owns; what was there before is deleted. */
    static Path emptyDirectory(Path directory) throws IOException {
        delete(directory);
        Files.createDirectories(directory);
        return own(directory);
    }

    /** Deletes {@code directory} and all it holds, if it exists. */
    static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Writes {@code text} to {@code file}, which postgres then owns. */
    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        own(file);
    }

    private static Path own(Path file) throws IOException {
        UserPrincipal postgres = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(NAME);
        if (!Files.getOwner(file).equals(postgres)) {
            Files.setOwner(file, postgres);
        }
        return file;
    }
}
