package org.jiesu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@Modulithic(systemName = "Jiesu", sharedModules = "platform")
public class JiesuApplication {

    public static void main(String[] args) {
        SpringApplication.run(JiesuApplication.class, args);
    }
}
