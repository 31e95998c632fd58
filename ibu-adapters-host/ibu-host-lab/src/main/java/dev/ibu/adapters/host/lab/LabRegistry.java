package dev.ibu.adapters.host.lab;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real docker-registry on 127.0.0.1 at a free port, storage and config in a temp dir; stopped by PID. */
public final class LabRegistry implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private LabRegistry(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static LabRegistry start() throws IOException, InterruptedException {
        return start(null, null);
    }

    /** A registry that demands {@code user}/{@code password} (htpasswd, bcrypt) for every request. */
    public static LabRegistry startWithAuth(String user, String password) throws IOException, InterruptedException {
        return start(user, password);
    }

    private static LabRegistry start(String user, String password) throws IOException, InterruptedException {
        HostTools.check(HostTools.missing(HostTools.REGISTRY));
        Path dir = Files.createTempDirectory("test-registry");
        String auth = "";
        if (user != null) {
            HostTools.check(HostTools.missing(java.util.List.of("/usr/bin/python3")));
            // docker-registry only accepts bcrypt entries (Debian's python3 makes them); cost 4 keeps each request fast
            String hash = new ProcessBuilder("/usr/bin/python3", "-W", "ignore", "-c",
                "import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))", password)
                .start().inputReader().readLine();
            Files.writeString(dir.resolve("htpasswd"), user + ":" + hash + "\n");
            auth = "auth:\n  htpasswd:\n    realm: test-realm\n    path: " + dir.resolve("htpasswd") + "\n";
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("config.yml");
        Files.writeString(cfg, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + auth);
        Process p = new ProcessBuilder("docker-registry", "serve", cfg.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LabRegistry r = new LabRegistry(p, port, dir);
        for (int i = 0; i < 100; i++) {
            if (r.ready()) {
                return r;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        r.close();
        throw new IllegalStateException("docker-registry did not come up on 127.0.0.1:" + port + "; log: "
            + Files.readString(dir.resolve("registry.log")));
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v2/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            int code = c.getResponseCode();
            return code == 200 || code == 401;
        } catch (IOException e) {
            return false;
        }
    }

    /** The requests served so far, from the registry's access log: one {@code "GET /v2/..."} (method and URI) each. */
    public java.util.List<String> requests() throws IOException {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("\"([A-Z]+ \\S+) HTTP/[0-9.]+\"");
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("registry.log"))) {
            java.util.regex.Matcher m = line.matcher(l);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The registry's log (its access log included: one line per request, with status and bytes sent). */
    public Path logFile() {
        return dir.resolve("registry.log");
    }

    /** host:port, to prefix image refs with. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LabSysroot.deleteTree(dir);
    }
}
