package org.jiesu.demo;

import java.nio.file.Path;

/**
 * What {@code generate} was asked for: {@code orders} work orders (each request has one, a few have a second after a
 * return or an escalation), received over the last {@code days} days, drawn with {@code seed} from the texts in
 * {@code messages}, written {@code batch} orders to a transaction. Unless {@code checked}, a superuser's session skips
 * the foreign-key triggers while it copies (session_replication_role = replica, as a restore does): the tests run
 * the same rows with the checks on.
 */
record GeneratorOptions(long orders, int days, long seed, Path messages, int batch, boolean checked) {

    static final long MAX_ORDERS = 50_000_000L;
    static final int MAX_DAYS = 3650;
    static final int MAX_BATCH = 100_000;
    static final Path DEFAULT_MESSAGES = Path.of("../shared/data/gov-messages/train.csv");
}
