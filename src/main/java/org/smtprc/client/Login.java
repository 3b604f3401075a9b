package org.smtprc.client;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The server's URL and the login, from the environment ({@code SMTPRC_URL}, {@code SMTPRC_USER},
 * {@code SMTPRC_PASSWORD}) or from a properties file ({@code url}, {@code user}, {@code password}) that only its
 * owner may read; the environment wins. Never from the command line, where other users see it.
 */
record Login(URI server, String user, String password) {

    static final String DEFAULT_URL = "http://127.0.0.1:8080/smtprc";
    static final String DEFAULT_FILE = ".config/smtprc/client.properties";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    @Override
    public String toString() {
        return "Login[" + server + ", " + user + "]";
    }

    /** @param home the user's home directory, where the default file lives */
    static Login from(Map<String, String> environment, Path home) {
        String named = environment.get("SMTPRC_CONFIG");
        Path file = named != null && !named.isBlank() ? Path.of(named) : home.resolve(DEFAULT_FILE);
        Properties saved = new Properties();
        if (named != null && !named.isBlank() || Files.exists(file)) {
            saved = read(file);
        }
        String url = pick(environment, "SMTPRC_URL", saved, "url", DEFAULT_URL);
        String user = pick(environment, "SMTPRC_USER", saved, "user", null);
        String password = pick(environment, "SMTPRC_PASSWORD", saved, "password", null);
        if (user == null || password == null) {
            throw new Invocation.UsageException("no login for the server: set SMTPRC_USER and SMTPRC_PASSWORD, or write"
                    + " user= and password= into " + file + " (chmod 600)");
        }
        URI server;
        try {
            server = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new Invocation.UsageException("SMTPRC_URL '" + Terminal.visible(url) + "' is not a URL, e.g. "
                    + DEFAULT_URL);
        }
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme()) || server.getHost() == null) {
            throw new Invocation.UsageException("SMTPRC_URL '" + Terminal.visible(url) + "' is not an http(s) URL, e.g. "
                    + DEFAULT_URL);
        }
        return new Login(server, user, password);
    }

    private static String pick(Map<String, String> environment, String variable, Properties saved, String key,
                               String fallback) {
        String value = environment.get(variable);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        value = saved.getProperty(key);
        return value != null && !value.isEmpty() ? value.strip() : fallback;
    }

    private static Properties read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Invocation.UsageException("the client's configuration file " + file + " does not exist");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new Invocation.UsageException(file + " holds a password and others may read or change it: "
                        + "chmod 600 " + file);
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return properties;
        } catch (UnsupportedOperationException noPosix) {
            throw new Invocation.UsageException("cannot check who may read " + file + " on this file system; use"
                    + " the environment variables instead");
        } catch (IOException e) {
            throw new Invocation.UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
