package io.terafab.contract;

/**
 * An operator asks to scrap a FAILED accelerator (on {@code chips.commands}, from chip-service's
 * {@code POST /inventory/accelerators/{id}/scrap}). An accelerator chip-service does not know is
 * refused as {@code unknown-entity}, one not FAILED as {@code not-allowed}.
 *
 * @param acceleratorId the accelerator (Kafka key, so one accelerator's commands stay in order)
 * @param requestedBy who asked: the operator's token name
 */
public record AcceleratorScrapRequested(String acceleratorId, String requestedBy) {

    public AcceleratorScrapRequested {
        Require.text(acceleratorId, "acceleratorId");
        Require.text(requestedBy, "requestedBy");
    }
}
