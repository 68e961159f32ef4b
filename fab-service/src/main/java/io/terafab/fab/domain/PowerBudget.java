package io.terafab.fab.domain;

import io.terafab.platform.model.ModelRejection;
import java.time.Instant;

/**
 * The power cap the grid gave the fab.
 *
 * @param capMw the most the fab may draw
 * @param issuedAt simulated time of issue
 * @param validUntil simulated time by which the grid issues the next one; the fab keeps the last
 *     cap it got after that rather than guess (a missing budget must never mean unlimited power)
 */
public record PowerBudget(double capMw, Instant issuedAt, Instant validUntil) {

    public PowerBudget {
        if (!(capMw >= 0) || Double.isInfinite(capMw)) {
            throw ModelRejection.invalid("budget cap must be a finite number >= 0 MW, was " + capMw);
        }
        if (issuedAt == null || validUntil == null) {
            throw ModelRejection.invalid("budget needs issuedAt and validUntil");
        }
        if (validUntil.isBefore(issuedAt)) {
            throw ModelRejection.invalid("budget validUntil " + validUntil + " is before issuedAt " + issuedAt);
        }
    }
}
