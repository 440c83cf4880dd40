package org.jiesu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A property checked on many generated samples inside an ordinary JUnit test. A failing sample is shrunk to a smaller
 * one that still fails, and the report names the seed that generates the same samples again. Why this is not jqwik:
 * docs/adr/0007-property-tests-with-an-own-harness.md.
 *
 * <p>{@code -Djiesu.property.seed=N} repeats a reported run; {@code -Djiesu.property.tries=N} changes the default
 * number of tries (a property that names its own number keeps it).
 */
public final class Property<T> {

    public static final String SEED = "jiesu.property.seed";
    public static final String TRIES = "jiesu.property.tries";
    private static final int DEFAULT_TRIES = 1000;
    private static final int MAX_SHRINK_STEPS = 2000;
    private static final Logger log = LoggerFactory.getLogger(Property.class);

    /** Makes one sample from the random source; everything it draws must come from that source, to replay. */
    @FunctionalInterface
    public interface Generator<T> {
        T next(Random random);
    }

    private final Generator<T> generator;
    private final Function<T, Stream<T>> smaller;
    private final @Nullable Integer tries;

    private Property(Generator<T> generator, Function<T, Stream<T>> smaller, @Nullable Integer tries) {
        this.generator = generator;
        this.smaller = smaller;
        this.tries = tries;
    }

    public static <T> Property<T> forAll(Generator<T> generator) {
        return new Property<>(generator, sample -> Stream.empty(), null);
    }

    /** How to make a failing sample smaller: candidates, the most promising first. */
    public Property<T> shrinkingWith(Function<T, Stream<T>> smaller) {
        return new Property<>(generator, smaller, tries);
    }

    public Property<T> tries(int tries) {
        return new Property<>(generator, smaller, tries);
    }

    /** Checks {@code property} on every sample; throws an {@link AssertionError} for the smallest failing one. */
    public void check(Consumer<T> property) {
        long seed = Long.getLong(SEED, ThreadLocalRandom.current().nextLong());
        int count = tries != null ? tries : Integer.getInteger(TRIES, DEFAULT_TRIES);
        Random random = new Random(seed);
        for (int i = 1; i <= count; i++) {
            T sample = generator.next(random);
            Throwable failure = failure(property, sample);
            if (failure != null) {
                throw falsified(property, sample, failure, seed, i, count);
            }
        }
        log.info("{}: {} tries passed (seed {})", caller(), count, seed);
    }

    private AssertionError falsified(
            Consumer<T> property, T sample, Throwable failure, long seed, int attempt, int count) {
        T smallest = sample;
        Throwable cause = failure;
        int steps = 0;
        boolean shrunk = true;
        while (shrunk && steps < MAX_SHRINK_STEPS) {
            shrunk = false;
            Iterator<T> candidates = smaller.apply(smallest).iterator();
            while (candidates.hasNext() && steps < MAX_SHRINK_STEPS) {
                T candidate = candidates.next();
                steps++;
                Throwable f = failure(property, candidate);
                if (f != null) {
                    smallest = candidate;
                    cause = f;
                    shrunk = true;
                    break;
                }
            }
        }
        String shrinking =
                steps == 0 ? "" : "%nSmallest failing sample (after %d shrink steps): %s".formatted(steps, smallest);
        return new AssertionError(
                "Property falsified on try %d of %d (seed %d: rerun with -D%s=%d).%nFailing sample: %s%s%nBecause: %s"
                        .formatted(attempt, count, seed, SEED, seed, sample, shrinking, cause.getMessage()),
                cause);
    }

    private static <T> @Nullable Throwable failure(Consumer<T> property, T sample) {
        try {
            property.accept(sample);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }

    private static String caller() {
        return StackWalker.getInstance()
                .walk(frames -> frames.skip(2)
                        .findFirst()
                        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                                + f.getMethodName())
                        .orElse("property"));
    }

    // ------------------------------------------------------------------------------------------------ generators

    @SafeVarargs
    public static <E> Generator<E> oneOf(E... values) {
        List<E> all = List.of(values);
        return random -> all.get(random.nextInt(all.size()));
    }

    /** Either null or a value of {@code generator}, each about half the time. */
    public static <E> Generator<@Nullable E> orNull(Generator<E> generator) {
        return random -> random.nextBoolean() ? null : generator.next(random);
    }

    public static <E> Generator<List<E>> listOf(Generator<E> element, int minSize, int maxSize) {
        return random -> {
            int size = minSize + random.nextInt(maxSize - minSize + 1);
            List<E> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(element.next(random));
            }
            return Collections.unmodifiableList(list);
        };
    }

    /** Shorter lists made by cutting out a run of elements: first large runs, then single elements. */
    public static <E> Stream<List<E>> shorterLists(List<E> list) {
        int size = list.size();
        return Stream.iterate(size, run -> run > 0, run -> run / 2)
                .flatMap(run -> IntStream.rangeClosed(0, size - run).boxed().map(from -> {
                    List<E> shorter = new ArrayList<>(list.subList(0, from));
                    shorter.addAll(list.subList(from + run, size));
                    return Collections.unmodifiableList(shorter);
                }));
    }
}
