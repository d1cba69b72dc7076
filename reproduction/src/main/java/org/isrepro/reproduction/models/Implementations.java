package org.isrepro.reproduction.models;

import java.util.Locale;

/**
 * The harness's choice between implementations of one layer ({@link LstmImplementation},
 * {@link LayerNormImplementation}): a system property whose value is a constant's name in lower case.
 */
final class Implementations {
    private Implementations() {
    }

    /**
     * The constant of {@code type} that {@code property} names, {@code fallback} when it is unset; an unknown value
     * fails with {@code advice}.
     */
    static <E extends Enum<E>> E selected(Class<E> type, String property, E fallback, String what, String advice) {
        String value = System.getProperty(property);
        if (value == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("-D" + property + "=" + value + " is not " + what + ": use " + advice);
    }
}
