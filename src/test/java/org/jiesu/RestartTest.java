package org.jiesu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jiesu.dispatch.DispatchCommand;
import org.jiesu.dispatch.HistoryEntry;
import org.jiesu.dispatch.Order;
import org.jiesu.dispatch.Orders;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.security.Actor;
import org.jiesu.security.Role;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Stops the application and starts it again on the same data: nothing is lost. */
class RestartTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(JiesuApplication.class)
                .profiles("demo", "test")
                .run(
                        "--server.port=0",
                        "--jiesu.embedded-db.data-dir=" + data.resolve("postgres"),
                        "--jiesu.embedded-db.fresh=false");
    }

    @Test
    void everyRequestAndHistoryEntryIsStillThereAfterARestart() {
        String code;
        long orderId;
        List<HistoryEntry> history;
        try (ConfigurableApplicationContext app = start()) {
            UnitDirectory units = app.getBean(UnitDirectory.class);
            long hotline = units.findByCode("652300-12345").orElseThrow().id();
            long grid = units.findByCode("652301001001-01").orElseThrow().id();
            Actor operator = new Actor("operator", "话务员", Role.OPERATOR, hotline);
            Actor gridWorker = new Actor("grid", "网格员", Role.GRID_WORKER, grid);
            double[] p = units.centre(grid).orElseThrow();
            ResidentRequest request = app.getBean(Intake.class)
                    .receive(
                            new NewRequest(
                                    null, null, "重启前的诉求", "ENV_WASTE", null, p[0], p[1], null, null, null, null, null),
                            Actor.RESIDENT);
            code = request.trackingCode();
            Orders orders = app.getBean(Orders.class);
            Order order = orders.dispatch(request.id(), new DispatchCommand(null, null, null, null), operator);
            orderId = order.id();
            orders.sign(orderId, gridWorker);
            history = orders.history(orderId);
            assertThat(history).hasSize(2);
        }
        try (ConfigurableApplicationContext app = start()) {
            ResidentRequest again =
                    app.getBean(Intake.class).findByTrackingCode(code).orElseThrow();
            assertThat(again.text()).isEqualTo("重启前的诉求");
            Orders orders = app.getBean(Orders.class);
            assertThat(orders.get(orderId).state().name()).isEqualTo("SIGNED");
            assertThat(orders.history(orderId)).isEqualTo(history);
            assertThat(app.getBean(Intake.class).log(again.id())).hasSize(1);
        }
    }
}
