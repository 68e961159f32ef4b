package io.terafab.fab.domain;

/**
 * Share of dies without a killer defect, from the die area A (cm²) and the defect density D0
 * (defects/cm²); λ = A·D0 is the mean number of defects per die.
 */
public enum DieYieldModel {
    /** e^−λ: defects spread at random; pessimistic for large dies. */
    POISSON {
        @Override
        public double yield(double lambda, double alpha) {
            return Math.exp(-lambda);
        }
    },
    /** ((1 − e^−λ) / λ)²: Murphy's model, defect density varying across wafers. */
    MURPHY {
        @Override
        public double yield(double lambda, double alpha) {
            return lambda == 0 ? 1 : Math.pow((1 - Math.exp(-lambda)) / lambda, 2);
        }
    },
    /** (1 + λ/α)^−α: Stapper's negative binomial, defects clustered with parameter α (α → ∞ is Poisson). */
    NEGATIVE_BINOMIAL {
        @Override
        public double yield(double lambda, double alpha) {
            return Math.pow(1 + lambda / alpha, -alpha);
        }
    };

    /**
     * @param lambda mean defects per die, A·D0, >= 0
     * @param alpha clustering parameter (negative binomial only), > 0
     */
    public abstract double yield(double lambda, double alpha);
}
