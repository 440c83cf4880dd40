package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TilePolicyTest {

    @Test
    void withoutTilesImagesComeFromThisOriginOnly() {
        assertThat(SecurityHeaders.policy("")).contains("img-src 'self';").isEqualTo(SecurityHeaders.POLICY);
    }

    @Test
    void aTileUrlAllowsItsOriginForImagesWithSubdomainsAsAWildcard() {
        assertThat(SecurityHeaders.policy("https://{s}.tile.example.org/{z}/{x}/{y}.png"))
                .contains("img-src 'self' https://*.tile.example.org;")
                .contains("script-src 'self';");
        assertThat(SecurityHeaders.policy("http://10.0.0.5:8081/tiles/{z}/{x}/{y}.png"))
                .contains("img-src 'self' http://10.0.0.5:8081;");
    }
}
