package org.jiesu.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the reads marked {@link LagTolerant} to a streaming replica when {@code jiesu.replica.url} names one.
 *
 * <p>The application's one {@code dataSource} becomes a {@link LazyConnectionDataSourceProxy} over the primary pool,
 * whose read-only variant is {@link ReplicaOrPrimary}. A transaction takes no connection until its first statement;
 * one that is read-only and was opened by a {@code @LagTolerant} method then takes it from the replica's read-only
 * pool. Every other read-only transaction ({@code @Transactional(readOnly = true)} elsewhere: theme, scheme and setting
 * pages that show what their caller just saved) gets a read-only connection of the primary, as before; so do writes,
 * Flyway, db-scheduler, the event publication registry and work outside a transaction.
 *
 * <p>A replica that gives no connection within {@code jiesu.replica.connection-timeout} sends those reads to the
 * primary for {@code jiesu.replica.retry-after}; then it is tried again. The application starts and answers while its
 * replica is down; its health does not depend on the replica.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${jiesu.replica.url:}'.isBlank()")
class ReplicaReads {

    private static final ThreadLocal<Boolean> LAG_TOLERANT = new ThreadLocal<>();

    /** Static: it wraps the {@code dataSource} bean as it is made, before anything that uses it is. */
    @Bean
    static ReplicaRouting replicaRouting(Environment env) {
        return new ReplicaRouting(env);
    }

    /** Runs {@link LagTolerant} methods in a read-only transaction, marked on the thread as tolerating lag. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor lagTolerantReads(ObjectProvider<PlatformTransactionManager> transactions) {
        return new DefaultPointcutAdvisor(
                AnnotationMatchingPointcut.forMethodAnnotation(LagTolerant.class),
                new LagTolerantTransaction(transactions));
    }

    static final class LagTolerantTransaction implements MethodInterceptor {

        private final ObjectProvider<PlatformTransactionManager> transactions;
        private volatile @Nullable TransactionTemplate readOnly;

        LagTolerantTransaction(ObjectProvider<PlatformTransactionManager> transactions) {
            this.transactions = transactions;
        }

        @Override
        public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
            if (LAG_TOLERANT.get() != null) {
                return invocation.proceed();
            }
            LAG_TOLERANT.set(Boolean.TRUE);
            try {
                return template().execute(status -> {
                    try {
                        return invocation.proceed();
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Throwable e) {
                        throw new Thrown(e);
                    }
                });
            } catch (Thrown e) {
                throw e.getCause();
            } finally {
                LAG_TOLERANT.remove();
            }
        }

        private TransactionTemplate template() {
            TransactionTemplate t = readOnly;
            if (t == null) {
                t = new TransactionTemplate(transactions.getObject());
                t.setReadOnly(true);
                t.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
                readOnly = t;
            }
            return t;
        }
    }

    /** A checked exception carried through the transaction template and thrown again as it was. */
    private static final class Thrown extends RuntimeException {
        Thrown(Throwable cause) {
            super(cause);
        }
    }

    static final class ReplicaRouting implements BeanPostProcessor, DisposableBean {

        private final Environment env;
        private @Nullable HikariDataSource replica;

        ReplicaRouting(Environment env) {
            this.env = env;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!"dataSource".equals(name) || !(bean instanceof DataSource primary) || replica != null) {
                return bean;
            }
            HikariDataSource pool = pool(env);
            replica = pool;
            Duration retryAfter = env.getProperty("jiesu.replica.retry-after", Duration.class, Duration.ofSeconds(30));
            LazyConnectionDataSourceProxy routed = new LazyConnectionDataSourceProxy(primary);
            routed.setReadOnlyDataSource(new ReplicaOrPrimary(pool, primary, retryAfter));
            LoggerFactory.getLogger(ReplicaReads.class)
                    .info("Lag-tolerant reads go to the replica at {}", pool.getJdbcUrl());
            return routed;
        }

        @Override
        public void destroy() {
            if (replica != null) {
                replica.close();
            }
        }
    }

    /**
     * The replica's pool: read-only connections, a short wait for one, and no connection needed to start, so that a
     * replica that is down when the application starts only sends reads to the primary.
     */
    static HikariDataSource pool(Environment env) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("replica");
        pool.setJdbcUrl(env.getRequiredProperty("jiesu.replica.url").strip());
        pool.setUsername(
                env.getProperty("jiesu.replica.username", env.getProperty("spring.datasource.username", "postgres")));
        pool.setPassword(env.getProperty("jiesu.replica.password", env.getProperty("spring.datasource.password", "")));
        pool.setReadOnly(true);
        pool.setMaximumPoolSize(env.getProperty(
                "jiesu.replica.maximum-pool-size",
                Integer.class,
                env.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10)));
        pool.setConnectionTimeout(
                env.getProperty("jiesu.replica.connection-timeout", Duration.class, Duration.ofSeconds(1))
                        .toMillis());
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    /**
     * For a read-only transaction: the replica when a {@link LagTolerant} method opened it and the replica gives
     * connections, otherwise the primary in read-only mode. After the replica failed to give one, the primary answers
     * for a while: a read that tolerates lag is only ever fresher there.
     */
    static final class ReplicaOrPrimary extends AbstractDataSource {

        private static final Logger log = LoggerFactory.getLogger(ReplicaOrPrimary.class);

        private final DataSource replica;
        private final DataSource primary;
        private final long retryAfterNanos;
        private volatile boolean down;
        private volatile long downSince;

        ReplicaOrPrimary(DataSource replica, DataSource primary, Duration retryAfter) {
            this.replica = replica;
            this.primary = primary;
            this.retryAfterNanos = retryAfter.toNanos();
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (LAG_TOLERANT.get() == null || down && System.nanoTime() - downSince < retryAfterNanos) {
                return onPrimary();
            }
            try {
                Connection connection = replica.getConnection();
                if (down) {
                    down = false;
                    log.info("The replica gives connections again: lag-tolerant reads go to it.");
                }
                return connection;
            } catch (SQLException e) {
                if (!down) {
                    log.warn(
                            "The replica gives no connection ({}): lag-tolerant reads go to the primary, and the"
                                    + " replica is tried again every {} s.",
                            e.getMessage(),
                            retryAfterNanos / 1_000_000_000L);
                }
                downSince = System.nanoTime();
                down = true;
                return onPrimary();
            }
        }

        /** Read-only, as the proxy would have made it had there been no replica; the pool undoes it on return. */
        private Connection onPrimary() throws SQLException {
            Connection connection = primary.getConnection();
            connection.setReadOnly(true);
            return connection;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("The replica is reached with the configured account only.");
        }
    }
}
