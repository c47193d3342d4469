package dev.turnpike.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code store:} into a {@link StoreConfig}: SQLite in the data folder by default, or PostgreSQL. */
final class StoreConfigReader {

    static final List<String> KEYS = List.of("backend", "path", "url", "user", "password_file", "password_env", "password");
    static final List<String> POSTGRES_ONLY = List.of("url", "user", "password_file", "password_env", "password");

    private StoreConfigReader() {}

    static StoreConfig read(Section top, Path dataDir) {
        Section o = top.sub("store", KEYS);
        String backend = o.opt("backend", "sqlite", "sqlite or postgres", StoreConfigReader::backendName);
        if (backend == null) {
            return null;
        }
        return backend.equals("sqlite") ? sqlite(o, dataDir) : postgres(o);
    }

    private static StoreConfig.Sqlite sqlite(Section o, Path dataDir) {
        for (String k : POSTGRES_ONLY) {
            if (o.has(k)) {
                o.errorAtKey(k, "only applies to backend: postgres");
            }
        }
        Path path = o.opt("path", dataDir.resolve("turnpike.db"), "a file path", o::pathOf);
        return path == null ? null : new StoreConfig.Sqlite(path);
    }

    private static StoreConfig.Postgres postgres(Section o) {
        if (o.has("path")) {
            o.errorAtKey("path", "only applies to backend: sqlite (postgres takes url)");
        }
        String url = o.req("url", "a JDBC URL jdbc:postgresql://host[:port]/database", StoreConfigReader::postgresUrl);
        String user = o.opt("user", null, "a user name", Values::nonBlank);
        Optional<SecretSource> password = o.secret("password", "a password");
        if (url == null || password == null) {
            return null;
        }
        return new StoreConfig.Postgres(url, Optional.ofNullable(user), password);
    }

    static String backendName(String s) {
        return switch (s) {
            case "sqlite", "postgres" -> s;
            case "postgresql" -> "postgres";
            default -> throw new IllegalArgumentException("must be sqlite or postgres, was " + Problems.quote(s));
        };
    }

    /** {@code jdbc:postgresql://host[:port]/database}, without credentials (they come from user and password_*). */
    static String postgresUrl(String s) {
        String t = s.strip();
        if (t.startsWith("postgres://") || t.startsWith("postgresql://")) {
            throw new IllegalArgumentException("write the JDBC form jdbc:postgresql://" + t.substring(t.indexOf("//") + 2)
                    .replaceFirst("^[^@/]*@", ""));
        }
        if (!t.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("must be jdbc:postgresql://host[:port]/database, was " + Problems.quote(s));
        }
        URI u;
        try {
            u = URI.create(t.substring(5));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + Problems.quote(s));
        }
        if (u.getRawUserInfo() != null || (u.getRawQuery() != null
                && u.getRawQuery().toLowerCase(Locale.ROOT).matches("(.*&)?password=.*"))) {
            throw new IllegalArgumentException("must not carry credentials: use user and password_file or password_env");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("must be jdbc:postgresql://host[:port]/database, was " + Problems.quote(s));
        }
        return t;
    }
}
