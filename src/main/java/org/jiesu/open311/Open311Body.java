package org.jiesu.open311;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of the GeoReport API, rendered as the path suffix asks: JSON or XML, the same content in both. A body
 * is a list of elements named {@code root}/{@code item} (GeoReport answers are lists, even of one), or a single
 * element {@code root} for a service definition.
 */
record Open311Body(String root, @Nullable String item, Object content) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A list in both formats: a JSON array; in XML, {@code <name>} elements, one per item. */
    record Items(String name, List<?> values) {}

    static Open311Body list(String root, String item, List<? extends Map<String, ?>> elements) {
        return new Open311Body(root, item, elements);
    }

    static Open311Body single(String root, Map<String, ?> element) {
        return new Open311Body(root, null, element);
    }

    /** Fields in the order given; null values are left out of both formats. */
    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }

    String render(Format format) {
        return format == Format.JSON ? json() : xml();
    }

    /**
     * JSON written straight from the content through Jackson's generator: an {@link Items} is an array, a map an
     * object, strings, numbers and booleans as themselves, anything else as Jackson would write it. A page of a
     * hundred requests is some 1,500 values, and copying them into plain maps for Jackson's serializers took a third
     * of the list's CPU.
     */
    private String json() {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, content);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, @Nullable Object value) {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String text) {
            g.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Items items) {
            write(g, items.values());
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object each : list) {
                write(g, each);
            }
            g.writeEndArray();
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Integer n) {
            g.writeNumber(n);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writePOJO(value);
        }
    }

    private String xml() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        out.append('<').append(root).append('>');
        if (item == null) {
            children(out, (Map<?, ?>) content);
        } else {
            for (Object element : (List<?>) content) {
                element(out, item, element);
            }
        }
        return out.append("</").append(root).append('>').toString();
    }

    private static void children(StringBuilder out, Map<?, ?> map) {
        map.forEach((k, v) -> {
            if (v instanceof Items items) {
                out.append('<').append(k).append('>');
                for (Object each : items.values()) {
                    element(out, items.name(), each);
                }
                out.append("</").append(k).append('>');
            } else {
                element(out, (String) k, v);
            }
        });
    }

    private static void element(StringBuilder out, String name, Object value) {
        out.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> map) {
            children(out, map);
        } else {
            escape(out, String.valueOf(value));
        }
        out.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even escaped; they are dropped.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** What the path suffix asks for. */
    enum Format {
        XML("application/xml;charset=UTF-8"),
        JSON("application/json;charset=UTF-8");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Format of(String suffix) {
            return switch (suffix) {
                case "xml" -> XML;
                case "json" -> JSON;
                default -> throw new Open311Error(404, "There is no format '" + suffix + "': use .xml or .json.");
            };
        }
    }
}
