package dev.aegis.core.audit.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** A small file holding one {@link ChainPoint} (HEAD, ANCHOR), replaced atomically so it is never half written. */
final class ChainPointFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    ChainPointFile(Path path) {
        this.path = path;
    }

    Optional<ChainPoint> read() throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(path.toFile());
        if (node == null || !node.path("seq").canConvertToExactIntegral() || !node.path("hash").isTextual()) {
            throw new IOException(path + " does not hold a sequence and a hash");
        }
        return Optional.of(new ChainPoint(node.get("seq").asLong(), node.get("hash").asText()));
    }

    void write(ChainPoint point) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        String text = "{\"seq\":" + point.sequence() + ",\"hash\":\"" + point.hash() + "\"}\n";
        Files.createDirectories(path.getParent());
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
