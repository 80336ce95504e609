package org.seedplan.dose.montecarlo;

/**
 * Settings of a Monte Carlo run: RNG seed (results are reproducible for a given seed and thread count), threads, and
 * the stop rule: stop when the mean relative 1-σ uncertainty over the uncertainty region falls to the target, or
 * when the next round of batches would exceed {@code maxPhotons} emitted photons, or after {@code maxSeconds}, whichever
 * comes first, each checked when a round (one batch for each group of histories, at most 5·10⁵ photons) is complete; the
 * first round always runs. A run stopped by the clock is not reproducible; the other two rules are.
 *
 * @param rngSeed seed of the random number generator
 * @param threads worker threads (1 or more)
 * @param targetMeanRelativeUncertainty e.g. 0.02 for 2 %; 0 runs to the photon or time limit
 * @param maxPhotons photons emitted at most
 * @param maxSeconds wall-clock limit in seconds
 */
public record MonteCarloSettings(long rngSeed, int threads, double targetMeanRelativeUncertainty, long maxPhotons,
        double maxSeconds) {

    public MonteCarloSettings {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("Monte Carlo threads must lie in 1..256, got " + threads);
        }
        if (!(targetMeanRelativeUncertainty >= 0) || targetMeanRelativeUncertainty >= 1) {
            throw new IllegalArgumentException("Monte Carlo target uncertainty must lie in [0, 1) (e.g. 0.02 for 2 %), got "
                    + targetMeanRelativeUncertainty);
        }
        if (maxPhotons < 1) {
            throw new IllegalArgumentException("Monte Carlo photon limit must be at least 1, got " + maxPhotons);
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("Monte Carlo time limit must be positive seconds, got " + maxSeconds);
        }
    }

    /** Defaults for a patient plan: 2 % mean uncertainty, all processors, at most 10⁹ photons or 10 minutes. */
    public static MonteCarloSettings defaults(long rngSeed) {
        return new MonteCarloSettings(rngSeed, Runtime.getRuntime().availableProcessors(), 0.02, 1_000_000_000L, 600);
    }
}
