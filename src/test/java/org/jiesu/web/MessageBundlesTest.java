package org.jiesu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page in three languages: a key of a Chinese bundle missing from its English or Uyghur twin, a key only in a
 * twin, an empty text, or a {@code #{key}} in a template that no bundle defines fails the build.
 */
class MessageBundlesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z][\\w.-]*)[}(]");

    @Test
    void everyChineseKeyHasAnEnglishAndAUyghurText() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String basename : basenames()) {
            Properties chinese = load(basename + ".properties");
            if (chinese == null) {
                continue;
            }
            for (String language : List.of("en", "ug")) {
                Properties twin = load(basename + "_" + language + ".properties");
                if (twin == null) {
                    problems.add(basename + "_" + language + ".properties is missing");
                    continue;
                }
                for (String key : chinese.stringPropertyNames()) {
                    String text = twin.getProperty(key);
                    if (text == null || text.isBlank()) {
                        problems.add(basename + "_" + language + ": no text for " + key);
                    }
                }
                for (String key : twin.stringPropertyNames()) {
                    if (!chinese.containsKey(key)) {
                        problems.add(basename + "_" + language + ": " + key + " is not in the Chinese file");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> known = new TreeSet<>();
        for (String basename : basenames()) {
            Properties chinese = load(basename + ".properties");
            if (chinese != null) {
                known.addAll(chinese.stringPropertyNames());
            }
        }
        List<String> missing = new ArrayList<>();
        try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher key = LITERAL_KEY.matcher(Files.readString(template));
                while (key.find()) {
                    if (!known.contains(key.group(1))) {
                        missing.add(RESOURCES.relativize(template) + ": " + key.group(1));
                    }
                }
            }
        }
        assertThat(known).isNotEmpty();
        assertThat(missing).isEmpty();
    }

    @Test
    void theApplicationLoadsEveryBundleThatExists() throws IOException {
        List<String> configured = basenames();
        try (Stream<Path> files = Files.list(RESOURCES.resolve("i18n"))) {
            List<String> present = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".properties") && !name.contains("_"))
                    .map(name -> "i18n/" + name.substring(0, name.length() - ".properties".length()))
                    .toList();
            assertThat(configured).containsAll(present);
        }
    }

    private static List<String> basenames() throws IOException {
        Properties application = load("application.properties");
        return List.of(application.getProperty("spring.messages.basename").split("\\s*,\\s*"));
    }

    private static Properties load(String name) throws IOException {
        Path file = RESOURCES.resolve(name);
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
