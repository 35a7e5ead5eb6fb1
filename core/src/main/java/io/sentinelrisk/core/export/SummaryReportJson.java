package io.sentinelrisk.core.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.codec.Json;

import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The summary report's JSON, byte for byte as {@link Json#bytes} writes it (Jackson's indented
 * output), without Jackson's serializers. Why: a command writes one report, so Jackson builds its
 * serializers of the report's records for that one use, on the critical path at the end of the
 * run: ~40 ms of CPU on a 2-core machine, against ~1 ms to write the same bytes here.
 *
 * <p>It writes what the report holds: maps with string keys, collections, strings, booleans,
 * {@code Integer}, {@code Long}, {@code Double}, {@code Float}, and records whose JSON shape
 * Jackson takes from {@link JsonProperty} names, a {@link JsonPropertyOrder} naming every
 * component, and {@link JsonInclude} {@code NON_NULL} or {@code ALWAYS}. Anything else (another
 * annotation, another value type, a getter that is not a component) it does
 * not guess at: {@link #bytes} then returns null and the caller asks Jackson.
 */
final class SummaryReportJson {
    /** Jackson's escapes of the ASCII characters: 0 none, 'u' as \\u00XX, else the character after '\'. */
    private static final byte[] ESCAPES = new byte[128];
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The annotations whose meaning is written here; any other of Jackson's on a record leaves it to Jackson. */
    private static final Set<Class<? extends Annotation>> UNDERSTOOD =
            Set.of(JsonProperty.class, JsonPropertyOrder.class, JsonInclude.class);
    private static final String NEWLINE = System.lineSeparator();

    static {
        for (int c = 0; c < 32; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    /** Thrown inside when a value is not one written here: the caller falls back to Jackson. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 13);
    /** Objects open around the value being written (arrays are written inline, as Jackson does). */
    private int depth;

    private SummaryReportJson() {
    }

    /** {@code value}'s JSON as {@link Json#bytes} gives it (with its final newline), or null when not written here. */
    static byte[] bytes(Object value) {
        SummaryReportJson w = new SummaryReportJson();
        try {
            w.value(value);
        } catch (Unsupported e) {
            return null;
        }
        w.ascii("\n");
        return w.out.toByteArray();
    }

    /** An if-chain, not a pattern switch: its bootstrap would spin a class at run time, for a single use. */
    private void value(Object v) throws Unsupported {
        if (v == null) {
            ascii("null");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Double d) {
            floating(d.isNaN() || d.isInfinite(), Double.toString(d));
        } else if (v instanceof Integer || v instanceof Long || v instanceof Boolean) {
            ascii(v.toString());
        } else if (v instanceof Map<?, ?> m) {
            map(m);
        } else if (v instanceof Collection<?> c) {
            array(c);
        } else if (v instanceof Record r) {
            record(r);
        } else if (v instanceof Float f) {
            floating(f.isNaN() || f.isInfinite(), Float.toString(f));
        } else {
            throw new Unsupported();
        }
    }

    /** Jackson writes NaN and the infinities as strings (its default WRITE_NAN_AS_STRINGS). */
    private void floating(boolean notFinite, String text) {
        if (notFinite) {
            ascii("\"" + text + "\"");
        } else {
            ascii(text);
        }
    }

    private void map(Map<?, ?> m) throws Unsupported {
        int fields = 0;
        ascii("{");
        depth++;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new Unsupported();
            }
            field(fields++, key);
            value(e.getValue());
        }
        endObject(fields);
    }

    /** Jackson's default pretty printer: an array on one line, its values after a space. */
    private void array(Collection<?> c) throws Unsupported {
        ascii("[");
        boolean first = true;
        for (Object v : c) {
            ascii(first ? " " : ", ");
            first = false;
            value(v);
        }
        ascii(" ]");   // "[ ]" when empty
    }

    private void record(Record r) throws Unsupported {
        Class<?> type = r.getClass();
        RecordComponent[] components = type.getRecordComponents();
        JsonPropertyOrder order = type.getAnnotation(JsonPropertyOrder.class);
        if (order == null || !understood(type.getAnnotations()) || hasHiddenProperties(type, components)) {
            throw new Unsupported();
        }
        JsonInclude.Include classInclusion = inclusion(type.getAnnotation(JsonInclude.class), JsonInclude.Include.ALWAYS);
        String[] names = new String[components.length];
        Object[] values = new Object[components.length];
        boolean[] skipNull = new boolean[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            // the class's own Method (its annotations parsed and its invoker made once), not the
            // component's copy; Jackson's annotations do not target record components, so they are there
            Method accessor = accessor(type, c);
            if (!understood(accessor.getAnnotations())) {
                throw new Unsupported();
            }
            names[i] = name(type, c);
            skipNull[i] = inclusion(accessor.getAnnotation(JsonInclude.class), classInclusion) == JsonInclude.Include.NON_NULL;
            try {
                accessor.setAccessible(true);
                values[i] = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new Unsupported();
            }
        }
        String[] ordered = order.value();
        if (ordered.length != components.length || order.alphabetic()) {
            throw new Unsupported();
        }
        int fields = 0;
        ascii("{");
        depth++;
        for (String name : ordered) {
            int i = Arrays.asList(names).indexOf(name);
            if (i < 0) {
                throw new Unsupported();
            }
            if (values[i] == null && skipNull[i]) {
                continue;
            }
            field(fields++, name);
            value(values[i]);
        }
        endObject(fields);
    }

    private static Method accessor(Class<?> type, RecordComponent c) throws Unsupported {
        try {
            return type.getMethod(c.getName());
        } catch (NoSuchMethodException e) {
            throw new Unsupported();
        }
    }

    /**
     * The component's JSON name: its {@link JsonProperty}'s (found on the accessor: the annotation
     * does not target record components), else its own; an interface's annotated accessor must agree.
     */
    private static String name(Class<?> type, RecordComponent c) throws Unsupported {
        JsonProperty p = accessor(type, c).getAnnotation(JsonProperty.class);
        if (p != null && p.access() != JsonProperty.Access.AUTO) {
            throw new Unsupported();
        }
        String name = p == null || p.value().isEmpty() ? c.getName() : p.value();
        for (Class<?> i : type.getInterfaces()) {
            if (!understood(i.getAnnotations())) {
                throw new Unsupported();
            }
            try {
                Method m = i.getMethod(c.getName());
                JsonProperty ip = m.getAnnotation(JsonProperty.class);
                if (!understood(m.getAnnotations()) || ip != null && p == null && !ip.value().equals(name)) {
                    throw new Unsupported();
                }
            } catch (NoSuchMethodException e) {
                // the interface says nothing of this component
            }
        }
        return name;
    }

    /**
     * Whether Jackson would see a property that is not a component: a public getter
     * ({@code getX()}, {@code isX()}) or a method with one of Jackson's annotations.
     */
    private static boolean hasHiddenProperties(Class<?> type, RecordComponent[] components) {
        Set<String> accessors = new java.util.HashSet<>();
        for (RecordComponent c : components) {
            accessors.add(c.getName());
        }
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class || accessors.contains(m.getName())) {
                continue;
            }
            String n = m.getName();
            boolean getter = m.getParameterCount() == 0 && m.getReturnType() != void.class
                    && (n.length() > 3 && n.startsWith("get") || n.length() > 2 && n.startsWith("is"));
            if (getter || jacksons(m.getAnnotations())) {
                return true;
            }
        }
        return false;
    }

    private static boolean understood(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (isJacksons(a) && !UNDERSTOOD.contains(a.annotationType())) {
                return false;
            }
        }
        return true;
    }

    private static boolean jacksons(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (isJacksons(a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJacksons(Annotation a) {
        return a.annotationType().getName().startsWith("com.fasterxml.");
    }

    /** NON_NULL or ALWAYS as stated, {@code otherwise} when not stated; other rules are not written here. */
    private static JsonInclude.Include inclusion(JsonInclude a, JsonInclude.Include otherwise) throws Unsupported {
        if (a == null || a.value() == JsonInclude.Include.USE_DEFAULTS) {
            return otherwise;
        }
        if (a.value() != JsonInclude.Include.NON_NULL && a.value() != JsonInclude.Include.ALWAYS
                || a.content() != JsonInclude.Include.ALWAYS && a.content() != JsonInclude.Include.USE_DEFAULTS) {
            throw new Unsupported();
        }
        return a.value();
    }

    /** Before an object's field: a comma after the previous one, a new line, the indentation, the name. */
    private void field(int index, String name) {
        ascii(index == 0 ? NEWLINE : "," + NEWLINE);
        indent(depth);
        string(name);
        ascii(" : ");
    }

    /** An empty object is "{ }", as Jackson writes it. */
    private void endObject(int fields) {
        depth--;
        if (fields == 0) {
            ascii(" }");
            return;
        }
        ascii(NEWLINE);
        indent(depth);
        ascii("}");
    }

    private void indent(int level) {
        for (int i = 0; i < level; i++) {
            out.write(' ');
            out.write(' ');
        }
    }

    /** A JSON string as Jackson's UTF-8 writer escapes it. */
    private void string(String s) {
        out.write('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPES[c];
                if (e == 0) {
                    out.write(c);
                } else if (e == 'u') {
                    escape(c);
                } else {
                    out.write('\\');
                    out.write(e);
                }
            } else if (c < 0x800) {
                out.write(0xC0 | c >> 6);
                out.write(0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                escape(c);   // Jackson escapes each half of a pair (its COMBINE_UNICODE_SURROGATES_IN_UTF8 is off)
            } else {
                out.write(0xE0 | c >> 12);
                out.write(0x80 | c >> 6 & 0x3F);
                out.write(0x80 | c & 0x3F);
            }
        }
        out.write('"');
    }

    /** {@code c} as \\uXXXX, in Jackson's upper-case hex. */
    private void escape(char c) {
        out.write('\\');
        out.write('u');
        out.write(HEX[c >> 12]);
        out.write(HEX[c >> 8 & 0xF]);
        out.write(HEX[c >> 4 & 0xF]);
        out.write(HEX[c & 0xF]);
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }
}
