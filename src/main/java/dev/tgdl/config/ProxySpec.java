package dev.tgdl.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A proxy given as a URL: {@code socks5://[user:pass@]host:port}, {@code http://[user:pass@]host:port}
 * (add {@code ?http_only=1} for a proxy that only forwards HTTP), {@code mtproto://host:port?secret=HEX},
 * or Telegram's own {@code tg://proxy?server=H&port=P&secret=S} / {@code https://t.me/proxy?...} links.
 *
 * @param kind     socks5, http or mtproto
 * @param host     the proxy's host
 * @param port     the proxy's port
 * @param username user for socks5/http, empty if none
 * @param password password for socks5/http, empty if none
 * @param httpOnly for http: the proxy forwards only HTTP requests
 * @param secret   for mtproto: the proxy's secret
 */
public record ProxySpec(Kind kind, String host, int port, String username, String password, boolean httpOnly,
                        String secret) {

    /** Proxy kinds TDLib supports. */
    public enum Kind { SOCKS5, HTTP, MTPROTO }

    /** The accepted forms, for error messages. */
    public static final String FORMS = "socks5://[user:pass@]host:port, http://[user:pass@]host:port[?http_only=1], "
            + "mtproto://host:port?secret=HEX, tg://proxy?server=HOST&port=PORT&secret=HEX";

    /**
     * Parses a proxy URL; {@code none} or an empty string means no proxy.
     *
     * @throws ConfigException naming the accepted forms
     */
    public static Optional<ProxySpec> parse(String url) {
        String text = url.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad(url, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Map<String, String> query = query(uri.getRawQuery());
        if (scheme.equals("tg") && "proxy".equals(uri.getHost()) || isTmeProxy(uri)) {
            String server = query.get("server");
            String port = query.get("port");
            String secret = query.get("secret");
            if (server == null || port == null || secret == null) {
                throw bad(url, "a proxy link needs server, port and secret");
            }
            return Optional.of(new ProxySpec(Kind.MTPROTO, server, port(port, url), "", "", false, secret));
        }
        Kind kind = switch (scheme) {
            case "socks5", "socks" -> Kind.SOCKS5;
            case "http" -> Kind.HTTP;
            case "mtproto" -> Kind.MTPROTO;
            default -> throw bad(url, "unknown scheme '" + scheme + "'");
        };
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw bad(url, "host and port are required");
        }
        String user = "";
        String pass = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            pass = parts.length > 1 ? decode(parts[1]) : "";
        }
        String secret = query.getOrDefault("secret", "");
        if (kind == Kind.MTPROTO && secret.isEmpty()) {
            throw bad(url, "an mtproto proxy needs ?secret=HEX");
        }
        boolean httpOnly = kind == Kind.HTTP && truthy(query.get("http_only"));
        return Optional.of(new ProxySpec(kind, uri.getHost(), port(String.valueOf(uri.getPort()), url), user, pass,
                httpOnly, secret));
    }

    /** The URL without its password or secret, for logs and messages. */
    public String redacted() {
        String auth = username.isEmpty() ? "" : username + ":***@";
        return kind.name().toLowerCase(Locale.ROOT) + "://" + auth + host + ":" + port + (secret.isEmpty() ? "" : "?secret=***");
    }

    private static boolean isTmeProxy(URI uri) {
        return uri.getHost() != null && uri.getHost().equalsIgnoreCase("t.me") && "/proxy".equals(uri.getPath());
    }

    private static int port(String text, String url) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw bad(url, "port " + port + " is out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw bad(url, "port '" + text + "' is not a number");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static ConfigException bad(String url, String why) {
        return new ConfigException("bad proxy '" + url + "' (" + why + "): use " + FORMS);
    }

    private static boolean truthy(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }
}
