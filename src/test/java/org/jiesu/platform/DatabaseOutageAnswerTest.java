package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The 503 is written whichever way the failed request had begun to write its own answer. */
class DatabaseOutageAnswerTest {

    /** Like a servlet container, and unlike the plain mock: the output stream or the writer, never both. */
    private static final class OneWayToWrite extends MockHttpServletResponse {

        private boolean stream;
        private boolean writer;

        @Override
        public ServletOutputStream getOutputStream() {
            if (writer) {
                throw new IllegalStateException("getWriter() has already been called for this response");
            }
            stream = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws UnsupportedEncodingException {
            if (stream) {
                throw new IllegalStateException("getOutputStream() has already been called for this response");
            }
            writer = true;
            return super.getWriter();
        }
    }

    @Test
    void anApiAnswerWhoseBodyWasAlreadyStreamedBecomesA503() throws IOException {
        OneWayToWrite response = new OneWayToWrite();
        response.setStatus(201);
        response.setHeader("Location", "/api/v1/requests/1");
        response.getOutputStream().write("{\"id\":1}".getBytes(StandardCharsets.UTF_8));

        DatabaseOutage.answer(new MockHttpServletRequest("POST", "/api/v1/requests"), response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        assertThat(response.getHeader("Location")).isNull();
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(DatabaseOutage.problemJson());
    }

    @Test
    void aPageThatHadBegunRenderingBecomesA503() throws IOException {
        OneWayToWrite response = new OneWayToWrite();
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><body><p>半页");

        DatabaseOutage.answer(new MockHttpServletRequest("GET", "/track"), response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("系统暂时不可用")
                .doesNotContain("半页");
    }
}
