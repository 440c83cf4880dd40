package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

class PathFirstMappingsTest {

    @Controller
    static class Things {
        @GetMapping("/things.{format}")
        void list(@PathVariable String format) {}

        @PostMapping(value = "/things.{format}", consumes = "application/x-www-form-urlencoded")
        void create(@PathVariable String format) {}

        @GetMapping("/things/{id}.{format}")
        void one(@PathVariable long id, @PathVariable String format) {}

        @GetMapping("/orders/{id}")
        void order(@PathVariable long id) {}

        @PostMapping("/orders/{id}/sign")
        void sign(@PathVariable long id) {}

        @PostMapping("/orders/{id}/reply")
        void reply(@PathVariable long id) {}

        @GetMapping("/units/{id}/area")
        void area(@PathVariable long id) {}

        @GetMapping("/governance/hot/{id}")
        void hot(@PathVariable long id) {}

        @GetMapping("/assessment/schemes/{id}/scores/{unit}/{item}")
        void score(@PathVariable long id, @PathVariable long unit, @PathVariable long item) {}

        @GetMapping("/track/{code}")
        void track(@PathVariable String code) {}
    }

    private StaticWebApplicationContext context;
    private PathFirstMappings.PathFirst mapping;

    @BeforeEach
    void setUp() {
        context = new StaticWebApplicationContext();
        context.registerSingleton("things", Things.class);
        context.refresh();
        mapping = new PathFirstMappings.PathFirst();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
    }

    private String handlerOf(MockHttpServletRequest request) throws Exception {
        HandlerExecutionChain chain = mapping.getHandler(request);
        return chain == null
                ? null
                : ((HandlerMethod) chain.getHandler()).getMethod().getName();
    }

    @Test
    void findsTheSameMethodsAsSpring() throws Exception {
        assertThat(handlerOf(new MockHttpServletRequest("GET", "/things.json"))).isEqualTo("list");
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/things.xml");
        post.setContentType("application/x-www-form-urlencoded");
        assertThat(handlerOf(post)).isEqualTo("create");
        assertThat(handlerOf(new MockHttpServletRequest("GET", "/things/7.json")))
                .isEqualTo("one");
        assertThat(handlerOf(new MockHttpServletRequest("POST", "/orders/7/reply")))
                .isEqualTo("reply");
        assertThat(handlerOf(new MockHttpServletRequest("GET", "/nowhere/7"))).isNull();
        assertThat(handlerOf(new MockHttpServletRequest("GET", "/assessment/schemes/1/scores/2/3")))
                .isEqualTo("score");
    }

    @Test
    void anEncodedLiteralStillMatchesOnceDecoded() throws Exception {
        MockHttpServletRequest encoded = new MockHttpServletRequest("GET", "/tr%61ck/AB12");
        assertThat(handlerOf(encoded)).isEqualTo("track");
    }

    @Test
    void theLiteralStartEndsAtTheFirstVariableOrWildcard() {
        assertThat(PathFirstMappings.PathFirst.literalStart("/open311/v2/requests.{format}"))
                .isEqualTo("/open311/v2/requests.");
        assertThat(PathFirstMappings.PathFirst.literalStart("/css/**")).isEqualTo("/css/");
        assertThat(PathFirstMappings.PathFirst.literalStart("/track")).isEqualTo("/track");
        assertThat(PathFirstMappings.PathFirst.literalStart("/fil?s/{id}")).isEqualTo("/fil");
    }

    @Test
    void aWrongMethodOrBodyIsStillNamed() {
        assertThatThrownBy(() -> handlerOf(new MockHttpServletRequest("DELETE", "/things.json")))
                .isInstanceOf(HttpRequestMethodNotSupportedException.class);
        MockHttpServletRequest json = new MockHttpServletRequest("POST", "/things.json");
        json.setContentType("application/json");
        assertThatThrownBy(() -> handlerOf(json)).isInstanceOf(HttpMediaTypeNotSupportedException.class);
    }

    @Test
    void mappingsOfOtherPathsAreNotAskedTheMethod() throws Exception {
        RequestMappingHandlerMapping spring = new RequestMappingHandlerMapping();
        spring.setApplicationContext(context);
        spring.afterPropertiesSet();
        int bySpring = methodReads(spring);
        int byPath = methodReads(mapping);
        // Spring's own order asks each of the ten mappings for the method before it looks at the path.
        assertThat(bySpring).isGreaterThanOrEqualTo(10);
        assertThat(byPath).isLessThan(10);
    }

    private static int methodReads(RequestMappingHandlerMapping mapping) throws Exception {
        AtomicInteger asked = new AtomicInteger();
        MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/track/AB12");
        HttpServletRequestWrapper counting = new HttpServletRequestWrapper(plain) {
            @Override
            public String getMethod() {
                asked.incrementAndGet();
                return super.getMethod();
            }
        };
        HandlerExecutionChain chain = mapping.getHandler(counting);
        assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName()).isEqualTo("track");
        return asked.get();
    }
}
