package org.jiesu;

import java.util.Arrays;
import org.jiesu.classification.ClassifyEval;
import org.jiesu.demo.GenerateCommand;
import org.jiesu.governance.HotIssuesCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@Modulithic(systemName = "Jiesu", sharedModules = "platform")
public class JiesuApplication {

    /**
     * Starts the platform, or runs one of the commands that need no server and no database: {@code classify-eval}
     * (measures the request classifier on labelled files) and {@code hot-issues} (clusters a hotline export and prints
     * the hottest matters); and {@code generate}, which fills the configured database with a realistic history for
     * benchmarks (docs/data-generator.md).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("classify-eval")) {
            System.exit(ClassifyEval.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("hot-issues")) {
            System.exit(HotIssuesCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("generate")) {
            System.exit(GenerateCommand.run(
                    Arrays.copyOfRange(args, 1, args.length), System.out, System.err, JiesuApplication.class));
        }
        SpringApplication.run(JiesuApplication.class, args);
    }
}
