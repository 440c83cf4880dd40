package org.jiesu.demo;

import org.jiesu.open311.ApiKeys;
import org.jiesu.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The demo's Open311 client, with the well-known key {@code jiesu-demo-key}. Never created outside the demo. */
@Component
@Profile("demo")
class DemoOpen311 {

    static final String KEY = "jiesu-demo-key";
    private static final Logger log = LoggerFactory.getLogger(DemoOpen311.class);

    private final ApiKeys keys;

    DemoOpen311(ApiKeys keys) {
        this.keys = keys;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(40)
    void create() {
        if (keys.all(Actor.SYSTEM).stream().noneMatch(c -> c.name().equals("Demo client"))) {
            keys.register("Demo client", KEY, Actor.SYSTEM);
            log.info("Demo Open311 client created; its api_key is '{}'", KEY);
        }
    }
}
