package dev.turnpike.gateway.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code store:} into a {@link StoreConfig}: SQLite in the data folder by default, or PostgreSQL. */
final class StoreConfigReader {

    static final List<String> KEYS = List.of("backend", "path", "url", "user", "password_file", "password_env", "password",
            "pool_size");
    static final List<String> POSTGRES_ONLY = List.of("url", "user", "password_file", "password_env", "password",
            "pool_size");
    static final int DEFAULT_POOL_SIZE = 10;
    static final int MAX_POOL_SIZE = 1000;
    private static final String URL_FORMS =
            "jdbc:postgresql://host[:port]/database or postgresql://[user@]host[:port]/database";

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
        PostgresUrl url = o.req("url", "a URL " + URL_FORMS, StoreConfigReader::postgresUrl);
        String user = o.opt("user", null, "a user name", Values::nonBlank);
        if (url != null && user != null && url.user().isPresent()) {
            o.errorAtKey("user", "the url names the user already (" + Problems.quote(url.user().get())
                    + "): give it in one place");
        }
        Optional<SecretSource> password = o.secret("password", "a password");
        Long poolSize = o.opt("pool_size", (long) DEFAULT_POOL_SIZE, "a whole number",
                Values.integer(1, MAX_POOL_SIZE));
        if (url == null || password == null || poolSize == null) {
            return null;
        }
        return new StoreConfig.Postgres(url.jdbc(), url.user().or(() -> Optional.ofNullable(user)), password,
                poolSize.intValue());
    }

    static String backendName(String s) {
        return switch (s) {
            case "sqlite", "postgres" -> s;
            case "postgresql" -> "postgres";
            default -> throw new IllegalArgumentException("must be sqlite or postgres, was " + Problems.quote(s));
        };
    }

    /** A URL in the JDBC form, and the user the libpq form may name. */
    record PostgresUrl(String jdbc, Optional<String> user) {}

    /**
     * {@code jdbc:postgresql://host[:port]/database[?parameters]}, or the form every PostgreSQL tool takes,
     * {@code postgresql://[user@]host[:port]/database[?parameters]} (or {@code postgres://}), which becomes the
     * JDBC form and a user. Never with a password (it comes from password_file or password_env).
     */
    static PostgresUrl postgresUrl(String s) {
        String t = s.strip();
        boolean libpq = t.startsWith("postgres://") || t.startsWith("postgresql://");
        if (!libpq && !t.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("must be " + URL_FORMS + ", was " + Problems.quote(s));
        }
        URI u;
        try {
            u = URI.create(libpq ? t : t.substring(5));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + Problems.quote(s));
        }
        String userInfo = u.getRawUserInfo();
        if ((userInfo != null && (!libpq || userInfo.contains(":"))) || (u.getRawQuery() != null
                && u.getRawQuery().toLowerCase(Locale.ROOT).matches("(.*&)?password=.*"))) {
            throw new IllegalArgumentException("must not carry credentials: use user and password_file or password_env");
        }
        if (u.getHost() == null || u.getRawPath() == null || u.getRawPath().length() < 2) {
            throw new IllegalArgumentException("must be " + URL_FORMS + ", was " + Problems.quote(s));
        }
        if (!libpq) {
            return new PostgresUrl(t, Optional.empty());
        }
        String jdbc = "jdbc:postgresql://" + u.getRawAuthority().substring(userInfo == null ? 0 : userInfo.length() + 1)
                + Optional.ofNullable(u.getRawPath()).orElse("")
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        // percent-decoded as libpq does it: a '+' stays a '+'
        return new PostgresUrl(jdbc, Optional.ofNullable(userInfo)
                .map(i -> URLDecoder.decode(i.replace("+", "%2B"), StandardCharsets.UTF_8)));
    }
}
