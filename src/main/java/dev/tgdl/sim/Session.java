package dev.tgdl.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a simulated TDLib database keeps across restarts: whether it is logged in, how many clients
 * have started on it (the run number channels grow with), joined chats, the chats it knows (TDLib's
 * chat database: getChat works for them after a restart), the usernames it resolved, proxies, and
 * the live posts channels made while its clients ran.
 * A small JSON file in the database directory, replaced atomically.
 */
final class Session {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "tgdl-sim-session.json";

    private final Path file;
    boolean authorized;
    int runs;
    final Set<Long> joined = new LinkedHashSet<>();
    final Set<Long> knownChats = new LinkedHashSet<>();
    /** Usernames (lower case) resolved by earlier clients, to their chat ids. */
    final Map<String, Long> usernames = new LinkedHashMap<>();
    final List<ObjectNode> proxies = new ArrayList<>();
    /** Live posts (post_every) each channel made while clients ran on this database, by chat id. */
    final Map<Long, Integer> posted = new LinkedHashMap<>();
    int nextProxyId = 1;
    boolean fresh;

    private Session(Path file) {
        this.file = file;
    }

    static Session open(Path databaseDirectory) {
        Session s = new Session(databaseDirectory.resolve(FILE));
        try {
            Files.createDirectories(databaseDirectory);
            if (Files.isRegularFile(s.file)) {
                ObjectNode node = (ObjectNode) JSON.readTree(s.file.toFile());
                s.authorized = node.path("authorized").asBoolean();
                s.runs = node.path("runs").asInt();
                node.path("joined").forEach(j -> s.joined.add(j.asLong()));
                node.path("known_chats").forEach(j -> s.knownChats.add(j.asLong()));
                node.path("usernames").properties().forEach(e -> s.usernames.put(e.getKey(), e.getValue().asLong()));
                node.path("proxies").forEach(p -> s.proxies.add((ObjectNode) p));
                s.nextProxyId = node.path("next_proxy_id").asInt(1);
                node.path("posted").properties().forEach(e -> s.posted.put(Long.parseLong(e.getKey()), e.getValue().asInt()));
            } else {
                s.fresh = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the simulated session in " + databaseDirectory, e);
        }
        return s;
    }

    void save() {
        ObjectNode node = JSON.createObjectNode();
        node.put("authorized", authorized).put("runs", runs).put("next_proxy_id", nextProxyId);
        ArrayNode j = node.putArray("joined");
        joined.forEach(j::add);
        ArrayNode k = node.putArray("known_chats");
        knownChats.forEach(k::add);
        ObjectNode u = node.putObject("usernames");
        usernames.forEach(u::put);
        ArrayNode p = node.putArray("proxies");
        proxies.forEach(p::add);
        ObjectNode posts = node.putObject("posted");
        posted.forEach((chat, n) -> posts.put(Long.toString(chat), n));
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), node);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the simulated session " + file, e);
        }
    }
}
