package org.embedrec.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.embedrec.server.live.LogInteractionStore;

/**
 * A server with live updates in a process of its own, for {@link LiveCrashTest}: serves the fixture
 * model with a write-ahead log store in {@code args[0]} on a free port, writes the port to
 * {@code args[1]} (atomically) once listening, and runs until killed.
 */
public final class LiveServerMain {
    private LiveServerMain() {
    }

    public static void main(String[] args) throws Exception {
        LogInteractionStore store = LogInteractionStore.open(Path.of(args[0]));
        RecommendationService service = new RecommendationService(List.of(ServerFixtures.served()), null, store);
        EmbedrecServer server = EmbedrecServer.start(service, ServerOptions.defaults(0));
        Path portFile = Path.of(args[1]);
        Path written = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(written, Integer.toString(server.port()), StandardCharsets.US_ASCII);
        Files.move(written, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Thread.currentThread().join();
    }
}
