package io.terafab.fab.simulation;

/** A random duration or interval, in seconds. */
public sealed interface Distribution {

    double sample(RandomStream random);

    double mean();

    static Distribution constant(double value) {
        return new Constant(value);
    }

    static Distribution uniform(double mean, double halfWidth) {
        return new Uniform(mean, halfWidth);
    }

    static Distribution exponential(double mean) {
        return new Exponential(mean);
    }

    /** Always {@code value}. */
    record Constant(double value) implements Distribution {

        public Constant {
            nonNegative(value, "constant value");
        }

        @Override
        public double sample(RandomStream random) {
            return value;
        }

        @Override
        public double mean() {
            return value;
        }
    }

    /** Uniform in [mean − halfWidth, mean + halfWidth]: SMT2020's {@code uniform PTIME PTIME2}. */
    record Uniform(double mean, double halfWidth) implements Distribution {

        public Uniform {
            nonNegative(halfWidth, "uniform half width");
            nonNegative(mean - halfWidth, "uniform lower bound");
        }

        @Override
        public double sample(RandomStream random) {
            return mean - halfWidth + 2 * halfWidth * random.nextDouble();
        }
    }

    /** Exponential with the given mean: memoryless failures and Poisson arrivals. */
    record Exponential(double mean) implements Distribution {

        public Exponential {
            if (!(mean > 0) || Double.isInfinite(mean)) {
                throw new IllegalArgumentException("exponential mean must be finite and > 0, was " + mean);
            }
        }

        @Override
        public double sample(RandomStream random) {
            return -mean * Math.log(1 - random.nextDouble());
        }
    }

    private static void nonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
    }
}
