package org.jiesu.platform;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiDocs {

    @Bean
    OpenAPI jiesuApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Jiesu API")
                        .version("v1")
                        .description("接诉即办: file residents' requests, dispatch them, handle orders, call back. "
                                + "Residents need no account to file or track; staff use HTTP Basic. "
                                + "Errors are application/problem+json. Every POST takes an Idempotency-Key header"
                                + " (a UUID per request): a retry with the same key gets the first answer again and"
                                + " creates nothing twice. While the database is unreachable the answer is 503 with"
                                + " Retry-After.")
                        .license(new License().name("Apache-2.0")));
    }
}
