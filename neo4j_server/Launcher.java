// A throw-away Neo4j 5.26 server for govgraph: the embedded database with its Bolt connector on.
//
//   java --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
//        --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
//        --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
//        -Dio.netty.tryReflectionSetAccessible=true -Xmx1g \
//        -cp 'lib/*' Launcher.java --home DIR --port N [--auth user:password] [--pagecache 256m] [--watch-stdin]
//
// The jars come from pom.xml (graph/server.py fetches them). Prints "ready bolt://127.0.0.1:N" on
// stdout once Bolt listens. Settings (raw 5.x names) go to DIR/conf/neo4j.conf. Stops cleanly on
// SIGTERM / SIGINT (shutdown hook) and, with --watch-stdin, when its stdin closes (so a killed
// parent never leaves a server behind).
//
// Authentication is off unless --auth is given (the test server listens on 127.0.0.1 only). With
// --auth user:password the user is created (or, for "neo4j", its password set) in the system
// database without the forced first-login password change; Neo4j wants passwords of 8+ characters.

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

public class Launcher {
    private static void usage(String msg) {
        System.err.println("Launcher: " + msg);
        System.err.println("usage: Launcher --home DIR --port N [--auth user:password] [--pagecache 256m] [--watch-stdin]");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        String home = null, auth = null, pagecache = "256m";
        int port = -1;
        boolean watchStdin = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home": home = args[++i]; break;
                case "--port": port = Integer.parseInt(args[++i]); break;
                case "--auth": auth = args[++i]; break;
                case "--pagecache": pagecache = args[++i]; break;
                case "--watch-stdin": watchStdin = true; break;
                default: usage("unknown argument " + a);
            }
        }
        if (home == null || port <= 0) usage("--home and --port are required");
        String user = null, password = null;
        if (auth != null) {
            int colon = auth.indexOf(':');
            if (colon <= 0) usage("--auth wants user:password");
            user = auth.substring(0, colon);
            password = auth.substring(colon + 1);
        }

        Path homePath = Path.of(home).toAbsolutePath();
        Files.createDirectories(homePath);

        Map<String, String> config = new TreeMap<>();
        config.put("server.bolt.enabled", "true");
        config.put("server.bolt.listen_address", "127.0.0.1:" + port);
        config.put("server.bolt.advertised_address", "127.0.0.1:" + port);
        config.put("server.bolt.tls_level", "DISABLED");
        config.put("dbms.security.auth_enabled", Boolean.toString(auth != null));
        config.put("server.memory.pagecache.size", pagecache);
        config.put("dbms.routing.enabled", "false");
        config.put("dbms.usage_report.enabled", "false");
        // Transaction logs: a dev server needs them only for recovery, not for backups or a
        // cluster. Keep the last 2 files of at most 64 MiB, and checkpoint (which prunes them)
        // every minute, instead of 2 days of 256 MiB files: loads once grew the folder to 9 GB.
        config.put("db.tx_log.rotation.retention_policy", "2 files");
        config.put("db.tx_log.rotation.size", "64M");
        config.put("db.checkpoint.interval.time", "1m");
        // Netty waits 2 x 5 s on shutdown by default; a throw-away server need not.
        config.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        config.put("internal.dbms.bolt.netty_server_shutdown_timeout", "2");

        // The public builder takes raw setting names only from a file: write conf/neo4j.conf.
        // (Strict validation stays on: a misspelt key aborts the start.)
        Path conf = homePath.resolve("conf").resolve("neo4j.conf");
        Files.createDirectories(conf.getParent());
        StringBuilder text = new StringBuilder("# written by govgraph's Launcher.java on every start\n");
        config.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        Files.writeString(conf, text.toString());

        long t0 = System.nanoTime();
        final DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(homePath)
                .loadPropertiesFromFile(conf)
                .build();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Launcher: shutting down");
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "govgraph-neo4j-shutdown"));

        if (auth != null) {
            GraphDatabaseService system = dbms.database("system");
            Map<String, Object> params = Map.of("password", password);
            if (user.equals("neo4j")) {
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", params);
            } else {
                // user names cannot be parameters in CREATE USER; allow only plain names.
                if (!user.matches("[A-Za-z_][A-Za-z0-9_]*")) usage("user name must be [A-Za-z_][A-Za-z0-9_]*");
                system.executeTransactionally(
                        "CREATE USER " + user + " IF NOT EXISTS SET PASSWORD $password CHANGE NOT REQUIRED", params);
                system.executeTransactionally("ALTER USER " + user + " SET PASSWORD $password CHANGE NOT REQUIRED", params);
            }
        }
        // Make sure the default database is up before saying so.
        dbms.database("neo4j").executeTransactionally("RETURN 1");

        System.out.printf("ready bolt://127.0.0.1:%d (%.1f s)%n", port, (System.nanoTime() - t0) / 1e9);
        System.out.flush();

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                try {
                    InputStream in = System.in;
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) { /* ignore input; wait for EOF */ }
                } catch (Exception ignored) {
                }
                System.err.println("Launcher: stdin closed");
                System.exit(0); // runs the shutdown hook
            }, "govgraph-neo4j-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }
}
