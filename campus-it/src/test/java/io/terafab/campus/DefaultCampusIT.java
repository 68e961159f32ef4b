package io.terafab.campus;

import io.terafab.ops.DashboardQueries;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;

/**
 * The flows that need only the default campus, run one after the other on one start of it
 * ({@link DefaultCampus}): four service JVMs for all of them instead of four each, ops-it's dashboard
 * queries included. The order matters: the dashboards are read on the fresh campus; the coupled loop
 * cuts the grid last; the contract's examples, dated after the campus's clock, come after it, as
 * they would refuse the loop's later budgets as out of order; security last, as its operator's write
 * sets the import cap (to the value it has).
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class DefaultCampusIT {

    private static DefaultCampus campus;

    @BeforeAll
    static void startCampus() throws Exception {
        campus = DefaultCampus.start();
    }

    @AfterAll
    static void stopCampus() {
        if (campus != null) {
            campus.close();
        }
    }

    /** The running campus, for the flows below. */
    static DefaultCampus campus() {
        if (campus == null) {
            throw new IllegalStateException("the default campus runs only within DefaultCampusIT");
        }
        return campus;
    }

    @Nested
    @Order(1)
    class Dashboards extends DashboardQueries {

        @Override
        protected Map<String, Integer> servicePorts() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String service : DefaultCampus.services()) {
                ports.put(service, campus().service(service).port());
            }
            return ports;
        }
    }

    @Nested
    @Order(2)
    class CoupledLoop extends CampusLoopFlow {}

    @Nested
    @Order(3)
    class ContractConformance extends ContractConformanceFlow {}

    @Nested
    @Order(4)
    class Security extends SecurityFlow {}
}
