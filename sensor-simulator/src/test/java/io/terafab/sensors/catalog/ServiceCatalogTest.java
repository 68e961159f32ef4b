package io.terafab.sensors.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.terafab.sensors.generator.Catalog;
import io.terafab.sensors.generator.Catalog.RackSlice;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST catalog against a small HTTP server (the JDK's) answering what the four services answer,
 * in the shapes of their views (FabResource.ToolView, GridViews, InventoryResource.RackSummary and
 * RackLineage, RetiredAccelerator, QueueResource.QueuesView). The local run reads the real ones.
 */
class ServiceCatalogTest {

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.merge(path, 1, Integer::sum);
            String body = answers.get(path);
            byte[] bytes = (body == null ? "{\"error\":\"not found\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        answers.put("/fab/tools", """
                [{"toolId":"etch-1.1","group":"etch-1","area":"etch","state":"productive","overridden":false},
                 {"toolId":"euv-2.1","group":"euv-2","area":"litho","state":"unscheduled_down","overridden":true}]""");
        answers.put("/grid", """
                {"simTime":"2027-01-03T10:00:00Z","dispatchedAt":"2027-01-03T09:59:00Z","importCapMw":350.0,
                 "availableMw":500,"ticks":12,"consumers":{}}""");
        answers.put("/grid/sources", """
                [{"id":"grid","kind":"grid","limitMw":350,"availableMw":350,"outputMw":300,"spareMw":50,
                  "costPerMwh":80,"carbonTonnesPerMwh":0.4,"breakerOpen":false,"measured":false},
                 {"id":"gt-1","kind":"gas","limitMw":50,"availableMw":50,"outputMw":0,"spareMw":50,
                  "costPerMwh":120,"carbonTonnesPerMwh":0.5,"breakerOpen":true,"measured":false},
                 {"id":"solar-1","kind":"solar","limitMw":100,"availableMw":55.5,"outputMw":55.5,"spareMw":0,
                  "costPerMwh":0,"carbonTonnesPerMwh":0,"breakerOpen":false,"measured":false}]""");
        answers.put("/grid/batteries", """
                [{"id":"bess-1","capacityMwh":200,"energyMwh":120,"stateOfCharge":0.6,"socMin":0.1,"socMax":0.9,
                  "chargeMw":10,"dischargeMw":0,"chargeLimitMw":50,"dischargeLimitMw":50,"roundTripEfficiency":0.88,
                  "breakerOpen":false}]""");
        answers.put("/inventory/racks", """
                [{"rackId":"rack-00001","capacity":72,"installed":72},{"rackId":"rack-00002","capacity":72,"installed":40}]""");
        answers.put("/inventory/racks/rack-00001", rack("rack-00001", 72, 1, 72));
        answers.put("/inventory/racks/rack-00002", rack("rack-00002", 40, 73, 40));
        answers.put("/inventory/accelerators/retired", """
                [{"acceleratorId":"TX1-00000005","state":"FAILED","failedAt":"2027-01-02T00:00:00Z","reason":"thermal trip",
                  "disposedAt":null}]""");
        answers.put("/queues", """
                {"queuedJobs":1,"queuedAccelerators":8,"tenants":[{"tenant":"research","weight":1.0,"standing":0.0,
                  "queuedJobs":1,"queuedAccelerators":8,"runningJobs":0,"runningAccelerators":0,"acceleratorHours":0.0,
                  "longestWaitSeconds":0.0},{"tenant":"inference","weight":1.0,"standing":0.0,"queuedJobs":0,
                  "queuedAccelerators":0,"runningJobs":0,"runningAccelerators":0,"acceleratorHours":0.0,
                  "longestWaitSeconds":0.0}],
                 "priorityClasses":[{"name":"critical","value":1000,"preemptibleByDefault":false},
                  {"name":"low","value":-100,"preemptibleByDefault":true}],"simTime":"2027-01-03T10:00:00Z"}""");
    }

    private static String rack(String rackId, int installed, long firstSerial, int count) {
        return """
                {"rackId":"%s","capacity":72,"installed":%d,"slices":[{"rackId":"%s","requestId":"req-1","sku":"TX1",
                  "batchId":"lot-1/TX1","lotId":"lot-1","firstSerial":%d,"count":%d,"installedAt":"2027-01-01T01:00:00Z"}],
                 "lots":{"lot-1":%d}}""".formatted(rackId, installed, rackId, firstSerial, count, count);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ServiceCatalog catalog() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new ServiceCatalog(new ServiceCatalog.Endpoints(base, base, base, base), Duration.ofSeconds(5));
    }

    @Test
    void readsToolsPowerAssetsAcceleratorsAndTheSchedulersNamesFromTheServices() {
        Catalog c = catalog().load(Catalog.EMPTY);

        assertThat(c.tools()).hasSize(2);
        assertThat(c.tools().get(1).heldDown()).isTrue();
        assertThat(c.tools().get(1).kind()).isEqualTo("euv");
        assertThat(c.power().grid().importCapMw()).isEqualTo(350);
        assertThat(c.power().gasTurbines())
                .singleElement()
                .satisfies(t -> assertThat(t.breakerOpen()).isTrue());
        assertThat(c.power().solarPlants()).singleElement().satisfies(p -> {
            assertThat(p.nameplateMw()).isEqualTo(100);
            assertThat(p.outputMw()).isEqualTo(55.5);
            assertThat(p.measured()).isFalse();
        });
        assertThat(c.power().batteries()).singleElement().satisfies(b -> {
            assertThat(b.stateOfCharge()).isEqualTo(0.6);
            assertThat(b.chargeMw()).isEqualTo(10);
            assertThat(b.roundTripEfficiency()).isEqualTo(0.88);
        });
        assertThat(c.power().observedAt()).isEqualTo(Instant.parse("2027-01-03T10:00:00Z"));
        assertThat(c.power().assetIds()).containsExactly("grid", "gt-1", "solar-1", "bess-1");
        assertThat(c.installed())
                .containsExactly(new RackSlice("rack-00001", "TX1", 1, 72), new RackSlice("rack-00002", "TX1", 73, 40));
        assertThat(c.retired()).containsExactly("TX1-00000005");
        assertThat(c.tenants()).containsExactly("research", "inference");
        assertThat(c.priorityClasses()).containsExactly("critical", "low");
    }

    @Test
    void aRackIsReadAgainOnlyWhenItsInstalledCountChanged() {
        ServiceCatalog source = catalog();
        Catalog first = source.load(Catalog.EMPTY);
        answers.put("/inventory/racks", """
                [{"rackId":"rack-00001","capacity":72,"installed":72},{"rackId":"rack-00002","capacity":72,"installed":72}]""");
        answers.put("/inventory/racks/rack-00002", rack("rack-00002", 72, 73, 72));
        Catalog second = source.load(first);

        assertThat(requests.get("/inventory/racks/rack-00001")).isEqualTo(1);
        assertThat(requests.get("/inventory/racks/rack-00002")).isEqualTo(2);
        assertThat(second.installedCount()).isEqualTo(144);
    }

    @Test
    void aPowerRefreshReadsTheGridOnlyAndKeepsTheRest() {
        ServiceCatalog source = catalog();
        Catalog first = source.load(Catalog.EMPTY);
        requests.clear();
        answers.put("/grid", """
                {"simTime":"2027-01-03T10:05:00Z","importCapMw":300.0}""");
        Catalog refreshed = source.refreshPower(first);

        assertThat(requests.keySet()).containsExactlyInAnyOrder("/grid", "/grid/sources", "/grid/batteries");
        assertThat(refreshed.power().grid().importCapMw()).isEqualTo(300);
        assertThat(refreshed.tools()).isEqualTo(first.tools());
        assertThat(refreshed.installed()).isEqualTo(first.installed());
    }

    @Test
    void aServiceThatDoesNotAnswerMakesTheCatalogUnavailableNamingWhat() {
        answers.remove("/queues");
        assertThatThrownBy(() -> catalog().load(Catalog.EMPTY))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("/queues")
                .hasMessageContaining("404");
        ServiceCatalog nobody = new ServiceCatalog(
                new ServiceCatalog.Endpoints(
                        URI.create("http://127.0.0.1:1"),
                        URI.create("http://127.0.0.1:1"),
                        URI.create("http://127.0.0.1:1"),
                        URI.create("http://127.0.0.1:1")),
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> nobody.load(Catalog.EMPTY))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1");
        assertThat(nobody.describe()).contains("fab http://127.0.0.1:1");
    }
}
