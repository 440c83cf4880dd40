package org.jiesu.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The three languages of the pages: Chinese by default, Uyghur written right to left, English. A {@code lang}
 * parameter on any page switches and is remembered in a cookie; the layout asks this bean for the page's language,
 * its direction and the links of the switch.
 */
@Configuration(value = "languageConfig", proxyBeanMethods = false)
public class Languages implements WebMvcConfigurer {

    /** The language codes in the order the switch shows them. */
    public static final List<String> CODES = List.of("zh", "ug", "en");

    static final String COOKIE = "jiesu-lang";

    private final String tileUrl;
    private final CookieLocaleResolver resolver = cookieResolver();

    Languages(@Value("${jiesu.map.tile-url:}") String tileUrl) {
        this.tileUrl = tileUrl;
    }

    @Bean
    LocaleResolver localeResolver() {
        return resolver;
    }

    private static CookieLocaleResolver cookieResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        // A person's browser language does not choose: the prefecture's pages open in Chinese until they switch.
        resolver.setDefaultLocaleFunction(request -> Locale.SIMPLIFIED_CHINESE);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // Only the query string: getParameter would read a form body, and on the error page of a body that
                // was refused for its size that makes the server parse what it had just refused.
                String wanted = queryLang(request.getQueryString());
                if (wanted != null) {
                    resolver.setLocale(request, response, localeOf(wanted));
                }
                return true;
            }
        });
    }

    static @Nullable String queryLang(@Nullable String query) {
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith("lang=") && CODES.contains(part.substring(5))) {
                return part.substring(5);
            }
        }
        return null;
    }

    static Locale localeOf(String code) {
        return switch (code) {
            case "ug" -> Locale.forLanguageTag("ug");
            case "en" -> Locale.ENGLISH;
            default -> Locale.SIMPLIFIED_CHINESE;
        };
    }

    /** What the templates ask of the language: bean {@code languages}. */
    @Bean("languages")
    Switch languageSwitch() {
        return new Switch(tileUrl);
    }

    /** The current language as the layout needs it. */
    public static final class Switch {

        private final String tileUrl;

        Switch(String tileUrl) {
            this.tileUrl = tileUrl;
        }

        /** zh, ug or en. */
        public String current() {
            String language = LocaleContextHolder.getLocale().getLanguage();
            return CODES.contains(language) ? language : "zh";
        }

        /** The value of the html element's lang attribute. */
        public String htmlLang() {
            return switch (current()) {
                case "ug" -> "ug-Arab";
                case "en" -> "en";
                default -> "zh-CN";
            };
        }

        public String dir() {
            return "ug".equals(current()) ? "rtl" : "ltr";
        }

        /** The name of a language in itself, as the switch shows it. */
        public String name(String code) {
            return switch (code) {
                case "ug" -> "ئۇيغۇرچە";
                case "en" -> "English";
                default -> "中文";
            };
        }

        public List<String> codes() {
            return CODES;
        }

        /** Optional map tiles; empty means areas are drawn from our own GeoJSON on a plain background. */
        public String tileUrl() {
            return tileUrl;
        }

        /** This page again in another language: same path and query, with lang set. */
        public String href(String code) {
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                return "/?lang=" + code;
            }
            HttpServletRequest request = attributes.getRequest();
            Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            String path = failed instanceof String uri ? uri : request.getRequestURI();
            // A form that came back with errors was a POST; its address may not answer a GET, so the switch leads to
            // the page itself only for GETs and otherwise to the same path without the form's query.
            String query = "GET".equals(request.getMethod()) && failed == null ? request.getQueryString() : null;
            String kept = query == null
                    ? ""
                    : Arrays.stream(query.split("&"))
                            .filter(part -> !part.isEmpty() && !part.startsWith("lang="))
                            .collect(Collectors.joining("&"));
            return path + "?" + (kept.isEmpty() ? "" : kept + "&") + "lang="
                    + URLEncoder.encode(code, StandardCharsets.UTF_8);
        }
    }
}
