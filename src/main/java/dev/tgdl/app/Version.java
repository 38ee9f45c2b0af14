package dev.tgdl.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** tgdl's version, from the build. */
public final class Version {

    private static final Properties PROPERTIES = load();

    private Version() {
    }

    /** tgdl's version, e.g. {@code 0.1.0}. */
    public static String tgdl() {
        return PROPERTIES.getProperty("version", "dev");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/tgdl/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a build without the file reports "dev"
        }
        return p;
    }
}
