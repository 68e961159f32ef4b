package io.terafab.chip.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.contract.AcceleratorHealthReported;
import io.terafab.contract.AcceleratorsRemoved;
import io.terafab.contract.InvalidEventException;
import io.terafab.contract.SkuInventoryReported;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payloads chip-service added to the contract refuse what they must (so such events go to the DLQ). */
class ChipPayloadsTest {

    private static final Instant AT = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void aHealthReportNeedsAKnownStatusAndAReasonWhenFailed() {
        assertThat(new AcceleratorHealthReported("TFA-1-bin1-00000001", "rack-00001", "failed", "XID 79", AT).failed())
                .isTrue();
        assertThat(new AcceleratorHealthReported("TFA-1-bin1-00000001", "rack-00001", "healthy", null, AT).failed())
                .isFalse();
        assertThatThrownBy(() -> new AcceleratorHealthReported("a", "rack-00001", "sick", "x", AT))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("status must be healthy or failed, was sick");
        assertThatThrownBy(() -> new AcceleratorHealthReported("a", "rack-00001", "failed", " ", AT))
                .hasMessage("reason is required");
        assertThatThrownBy(() -> new AcceleratorHealthReported("a", null, "failed", "x", AT))
                .hasMessage("rackId is required");
    }

    @Test
    void aRemovalNamesAtLeastOneAccelerator() {
        assertThatThrownBy(() -> new AcceleratorsRemoved("rack-00001", "TFA-1-bin1", List.of(), "XID 79", AT))
                .hasMessage("acceleratorIds must not be empty");
    }

    @Test
    void anInventoryReportMustAddUp() {
        new SkuInventoryReported("TFA-1-bin1", 10, 4, 1, 2, 1, 1, 1, 0, 1, AT);
        assertThatThrownBy(() -> new SkuInventoryReported("TFA-1-bin1", 10, 4, 1, 2, 1, 1, 0, 0, 1, AT))
                .hasMessage("produced (10) must equal the chips in all states (9)");
        assertThatThrownBy(() -> new SkuInventoryReported("TFA-1-bin1", 0, 1, -1, 0, 0, 0, 0, 0, 1, AT))
                .hasMessage("counts must be >= 0, was -1");
    }
}
