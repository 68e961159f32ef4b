package io.terafab.sensors.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.sensors.generator.Catalog;
import io.terafab.sensors.generator.Catalog.Battery;
import io.terafab.sensors.generator.Catalog.GasTurbine;
import io.terafab.sensors.generator.Catalog.GridConnection;
import io.terafab.sensors.generator.Catalog.PowerAssets;
import io.terafab.sensors.generator.Catalog.RackSlice;
import io.terafab.sensors.generator.Catalog.SolarPlant;
import io.terafab.sensors.generator.Catalog.Tool;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog as the running services have it, read over their REST: the fab's tools, the grid's
 * assets and figures, the racks' accelerators (a full rack is read once: its slices never change),
 * the accelerators out of service, and the scheduler's tenants and priority classes.
 */
public final class ServiceCatalog implements CatalogSource {

    /** The services' base URLs. */
    public record Endpoints(URI fab, URI chips, URI power, URI scheduler) {

        /** The local run's defaults: ports 8081 to 8084 on this machine. */
        public static Endpoints local() {
            return new Endpoints(
                    URI.create("http://127.0.0.1:8081"),
                    URI.create("http://127.0.0.1:8082"),
                    URI.create("http://127.0.0.1:8083"),
                    URI.create("http://127.0.0.1:8084"));
        }
    }

    private record KnownRack(int installed, List<RackSlice> slices) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoints endpoints;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, KnownRack> racks = new HashMap<>();

    public ServiceCatalog(Endpoints endpoints, Duration timeout) {
        this.endpoints = endpoints;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public synchronized Catalog load(Catalog previous) {
        JsonNode queues = get(endpoints.scheduler(), "/queues");
        List<String> tenants = texts(queues.path("tenants"), "tenant");
        List<String> classes = texts(queues.path("priorityClasses"), "name");
        return previous.withTools(tools())
                .withPower(power())
                .withAccelerators(installed(), retired())
                .withScheduler(tenants, classes);
    }

    @Override
    public Catalog refreshPower(Catalog previous) {
        return previous.withPower(power());
    }

    @Override
    public String describe() {
        return "services fab " + endpoints.fab() + ", chips " + endpoints.chips() + ", power " + endpoints.power()
                + ", scheduler " + endpoints.scheduler();
    }

    private List<Tool> tools() {
        List<Tool> tools = new ArrayList<>();
        for (JsonNode t : get(endpoints.fab(), "/fab/tools")) {
            tools.add(new Tool(
                    t.path("toolId").asText(),
                    t.path("group").asText(),
                    t.path("area").asText(),
                    t.path("state").asText(),
                    t.path("overridden").asBoolean()));
        }
        return tools;
    }

    /** Sources (grid first, then turbines and plants), batteries, and the twin's own time of the figures. */
    private PowerAssets power() {
        JsonNode grid = get(endpoints.power(), "/grid");
        JsonNode sources = get(endpoints.power(), "/grid/sources");
        JsonNode batteries = get(endpoints.power(), "/grid/batteries");
        GridConnection connection = null;
        List<GasTurbine> turbines = new ArrayList<>();
        List<SolarPlant> plants = new ArrayList<>();
        for (JsonNode s : sources) {
            boolean open = s.path("breakerOpen").asBoolean();
            switch (s.path("kind").asText()) {
                case "grid" ->
                    connection = new GridConnection(grid.path("importCapMw").asDouble(), open);
                case "gas" ->
                    turbines.add(new GasTurbine(
                            s.path("id").asText(), s.path("limitMw").asDouble(), open));
                case "solar" ->
                    plants.add(new SolarPlant(
                            s.path("id").asText(),
                            s.path("limitMw").asDouble(),
                            s.path("availableMw").asDouble(),
                            s.path("measured").asBoolean(),
                            open));
                default -> {
                    // a kind of source this simulator has no meter for
                }
            }
        }
        List<Battery> stores = new ArrayList<>();
        for (JsonNode b : batteries) {
            stores.add(new Battery(
                    b.path("id").asText(),
                    b.path("capacityMwh").asDouble(),
                    b.path("stateOfCharge").asDouble(),
                    b.path("socMin").asDouble(),
                    b.path("socMax").asDouble(),
                    b.path("chargeMw").asDouble(),
                    b.path("dischargeMw").asDouble(),
                    b.path("roundTripEfficiency").asDouble(),
                    b.path("breakerOpen").asBoolean()));
        }
        Instant observedAt =
                grid.hasNonNull("simTime") ? Instant.parse(grid.get("simTime").asText()) : null;
        return new PowerAssets(connection, turbines, plants, stores, observedAt);
    }

    private List<RackSlice> installed() {
        List<RackSlice> slices = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (JsonNode r : get(endpoints.chips(), "/inventory/racks")) {
            String rackId = r.path("rackId").asText();
            int installed = r.path("installed").asInt();
            listed.add(rackId);
            KnownRack known = racks.get(rackId);
            if (known == null || known.installed() != installed) {
                known = new KnownRack(installed, slicesOf(rackId));
                racks.put(rackId, known);
            }
            slices.addAll(known.slices());
        }
        racks.keySet().retainAll(listed);
        return slices;
    }

    private List<RackSlice> slicesOf(String rackId) {
        List<RackSlice> slices = new ArrayList<>();
        JsonNode rack = get(endpoints.chips(), "/inventory/racks/" + URLEncoder.encode(rackId, StandardCharsets.UTF_8));
        for (JsonNode s : rack.path("slices")) {
            if (s.path("count").asInt() > 0) {
                slices.add(new RackSlice(
                        rackId,
                        s.path("sku").asText(),
                        s.path("firstSerial").asLong(),
                        s.path("count").asInt()));
            }
        }
        return slices;
    }

    private Set<String> retired() {
        Set<String> ids = new HashSet<>();
        for (JsonNode a : get(endpoints.chips(), "/inventory/accelerators/retired")) {
            ids.add(a.path("acceleratorId").asText());
        }
        return ids;
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        items.forEach(i -> texts.add(i.path(field).asText()));
        return texts;
    }

    private JsonNode get(URI base, String path) {
        URI uri = base.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new CatalogUnavailableException("GET " + uri + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CatalogUnavailableException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailableException("interrupted while reading " + uri, e);
        }
    }
}
