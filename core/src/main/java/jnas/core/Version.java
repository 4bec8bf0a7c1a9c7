package jnas.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version and the versions of the engines it runs on. */
public final class Version {
    private Version() {}

    /** The jnas version (from the build), or "dev" when run from unfiltered sources. */
    public static String jnas() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** The DJL API version on the classpath. */
    public static String djl() {
        return ai.djl.engine.Engine.getDjlVersion();
    }

    public static String java() {
        return Runtime.version().toString();
    }
}
