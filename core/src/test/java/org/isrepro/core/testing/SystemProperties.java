package org.isrepro.core.testing;

/** Runs a test body with one system property set, and restores the property's previous state after it. */
public final class SystemProperties {
    private SystemProperties() {
    }

    /** {@code body} with {@code key} set to {@code value}; afterwards the property is as it was (or cleared). */
    public static void with(String key, String value, Runnable body) {
        String before = System.getProperty(key);
        try {
            System.setProperty(key, value);
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
