package org.isrepro.reproduction.method;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One method's parameters as a run gives them, read by name and type. Every read declares the key known to
 * the method; {@link #requireKnown} then rejects any given key that nothing read, naming it and listing the
 * known ones, so that a misspelt key fails instead of silently running the default. Values may be numbers,
 * booleans or text (a command line's {@code --set presample=96} arrives as the number 96).
 */
public final class Params {
    private final String method;
    private final Map<String, Object> values;
    private final Set<String> known = new LinkedHashSet<>();

    Params(String method, Map<String, Object> values) {
        this.method = method;
        this.values = new LinkedHashMap<>(values);
    }

    public int integer(String key, int fallback) {
        Object v = read(key);
        if (v == null) {
            return fallback;
        }
        double d = number(key, v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(method + " parameter '" + key + "' must be an integer, got " + v);
        }
        return (int) d;
    }

    public double real(String key, double fallback) {
        Object v = read(key);
        return v == null ? fallback : number(key, v);
    }

    /** A number with no fallback: absent is null. */
    public Double optionalReal(String key) {
        Object v = read(key);
        return v == null ? null : number(key, v);
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        Object v = read(key);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(String.valueOf(v))) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw new IllegalArgumentException(method + " parameter '" + key + "' must be one of " + names + ", got '"
                + v + "'");
    }

    public String text(String key, String fallback) {
        Object v = read(key);
        return v == null ? fallback : String.valueOf(v);
    }

    /**
     * The given keys under {@code prefix}, without it, each declared known: {@code names} are the parameters
     * the receiving configuration accepts (RAIS' {@code rais.<field>}).
     */
    public Map<String, Object> prefixed(String prefix, Collection<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            Object v = read(prefix + name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    /** Declares keys known that another part of the run reads (the network's, the protocol's). */
    public void alsoKnown(Collection<String> keys) {
        known.addAll(keys);
    }

    /** The keys read so far, in the order they were read. */
    public List<String> known() {
        return List.copyOf(known);
    }

    /** Fails when one of {@code given} was not read: a key this method does not have. */
    public void requireKnown(Collection<String> given, String source) {
        for (String key : given) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("method " + method + " has no parameter '" + key + "' (" + source
                        + "); its parameters: " + String.join(", ", known));
            }
        }
    }

    private Object read(String key) {
        known.add(key);
        return values.get(key);
    }

    private double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(method + " parameter '" + key + "' must be a number, got '" + v + "'");
        }
    }
}
