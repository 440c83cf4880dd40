package org.jiesu.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class Open311BodyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the body was before it was streamed: plain maps and lists handed to Jackson's serializers. */
    private static Object plain(Object value) {
        if (value instanceof Open311Body.Items items) {
            return items.values().stream().map(Open311BodyTest::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> v == null ? null : plain(v)).toList();
        }
        return value;
    }

    private static final List<String> TEXTS = List.of(
            "",
            "路灯坏了，晚上很黑",
            "quote \" backslash \\ slash / tab \t newline \n return \r",
            "control \u0001\u001f and \u007f, surrogates 😀 and \u2028\u2029",
            "<b>&amp;</b> 'single'",
            "ئاھالىلەرنىڭ تەلىپى");

    private static Object value(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 2 ? 7 : 10);
        return switch (kind) {
            case 0 -> TEXTS.get(random.nextInt(TEXTS.size()));
            case 1 -> random.nextDouble(-180, 180);
            case 2 -> random.nextBoolean() ? Double.valueOf(43.6) : Double.valueOf(1e-7);
            case 3 -> random.nextLong();
            case 4 -> random.nextInt();
            case 5 -> random.nextBoolean();
            case 6 -> LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28));
            case 7 -> map(random, depth + 1);
            case 8 -> new Open311Body.Items("value", list(random, depth + 1));
            default -> list(random, depth + 1);
        };
    }

    private static Map<String, Object> map(SplittableRandom random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            map.put("key_" + i + (i % 2 == 0 ? "" : "\"引号\""), value(random, depth));
        }
        return map;
    }

    private static List<Object> list(SplittableRandom random, int depth) {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            list.add(value(random, depth));
        }
        return list;
    }

    @Test
    void streamedJsonIsWhatJacksonWritesOfThePlainContent() {
        SplittableRandom random = new SplittableRandom(20261124);
        for (int i = 0; i < 2_000; i++) {
            List<Map<String, Object>> elements = new ArrayList<>();
            int n = random.nextInt(4);
            for (int e = 0; e < n; e++) {
                elements.add(map(random, 0));
            }
            Open311Body body = Open311Body.list("service_requests", "request", elements);
            assertThat(body.render(Open311Body.Format.JSON))
                    .as("content %s", elements)
                    .isEqualTo(JSON.writeValueAsString(plain(elements)));
        }
    }

    @Test
    void aSingleElementWithNullsInAListAndNonFiniteNumbers() {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("values", new Open311Body.Items("value", Arrays.asList("a", null, 1.5)));
        element.put("nan", Double.NaN);
        element.put("infinite", Double.NEGATIVE_INFINITY);
        Open311Body body = Open311Body.single("service_definition", element);
        assertThat(body.render(Open311Body.Format.JSON)).isEqualTo(JSON.writeValueAsString(plain(element)));
        assertThat(body.render(Open311Body.Format.JSON)).startsWith("{\"values\":[\"a\",null,1.5]");
    }
}
