package org.seedplan.dose.montecarlo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.seedplan.dose.DoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceModel;

/**
 * Model-based dose engine (AAPM TG-186, Beaulieu et al., Med Phys 39:6208, 2012): photon Monte Carlo transport of
 * the I-125 spectrum in the voxel phantom with the seeds' own geometry (so the seeds attenuate each other), kerma
 * approximation, track-length scoring of Dm,m and Dw,m, normalised to each seed's S_K by the air-kerma strength per
 * photon that the same transport gives in vacuum. The {@link DoseEngine} methods return Dm,m.
 *
 * <p>The run proceeds in rounds; a round is one batch of the same number of photons for each of the {@link #groups(int)}
 * G groups of histories, whose doses are kept apart for the σ of dose metrics ({@code MetricUncertainty}). Group g's
 * batches run on thread g mod T of the {@code settings.threads} T threads; each batch uses its own generator, a
 * {@link SplittableRandom#split()} of one generator seeded with rngSeed, split in (round, group) order on the calling
 * thread, so that different RNG seeds give independent runs and a result depends only on the RNG seed and the thread
 * count (unless the time limit stops the run). Every stop rule — uncertainty, photons, time — is checked only when a round
 * is complete, and the first round always runs: whenever a run stops, its G groups hold the same number of photons (until
 * issue 17's "mc" session of 2026-12-04 a round was one batch per thread, and a run the clock stopped early could hold
 * 2 of its 10 groups).
 */
public final class MonteCarloDoseEngine implements DoseEngine {

    /** Fewest batches before the uncertainty rule may stop a run (the batch estimate of σ needs a handful): G is at least this. */
    static final int MIN_BATCHES = 10;
    /** Photons of one batch at most: a round of G batches is then 5·10⁵ photons on one or two threads, about a second. */
    static final long MAX_BATCH_PHOTONS = 50_000;
    /** Rounds a run limited by its photons alone makes (batches of maxPhotons / (G·this), fewer when a batch would exceed its bound). */
    static final int ROUNDS_AT_PHOTON_LIMIT = 4;

    private final SourceModel model;
    private final VoxelPhantom phantom;
    private final MonteCarloSettings settings;
    private final MaterialLibrary library;
    private final SeedGeometry geometry;

    public MonteCarloDoseEngine(SourceModel model, VoxelPhantom phantom, MonteCarloSettings settings) {
        this.model = model;
        this.phantom = phantom;
        this.settings = settings;
        this.library = MaterialLibrary.standard();
        this.geometry = SeedGeometry.of(model);
        for (String name : phantom.materialNames()) {
            library.material(name);
        }
    }

    public SourceModel model() {
        return model;
    }

    public SeedGeometry seedGeometry() {
        return geometry;
    }

    /** Dm,m dose rate in cGy/h on the grid. */
    @Override
    public float[] doseRateCGyPerH(List<Seed> seeds, Grid grid) {
        return run(seeds, grid, f -> { }, () -> false).doseRateMediumInMediumCGyPerH();
    }

    /** Dm,m dose rate in cGy/h at the points: scored on the phantom grid, interpolated trilinearly (0 outside it). */
    @Override
    public double[] doseRateCGyPerH(List<Seed> seeds, List<Vec3> pointsMm) {
        MonteCarloDose d = run(seeds, phantom.grid(), f -> { }, () -> false);
        double[] out = new double[pointsMm.size()];
        for (int n = 0; n < out.length; n++) {
            out[n] = trilinear(d.grid(), d.doseRateMediumInMediumCGyPerH(), pointsMm.get(n));
        }
        return out;
    }

    /**
     * Runs the transport and scores on {@code scoringGrid}; the uncertainty rule uses the highest-dose fifth of the
     * voxels that hold no seed (use the overload with a region, e.g. the target, to choose them).
     * progress receives 0..1; cancelled is polled; throws CancellationException if cancelled.
     */
    public MonteCarloDose run(List<Seed> seeds, Grid scoringGrid, DoubleConsumer progress, BooleanSupplier cancelled) {
        return run(seeds, scoringGrid, null, progress, cancelled);
    }

    /**
     * As {@link #run(List, Grid, DoubleConsumer, BooleanSupplier)}, with the stop rule's mean relative uncertainty
     * taken over the voxels of {@code uncertaintyRegion} (one flag per scoring voxel).
     */
    public MonteCarloDose run(List<Seed> seeds, Grid scoringGrid, boolean[] uncertaintyRegion, DoubleConsumer progress,
            BooleanSupplier cancelled) {
        check(seeds, scoringGrid, uncertaintyRegion);
        long start = System.nanoTime();
        SeedTransport seedTransport = new SeedTransport(geometry, library);
        SeedPlacement placement = new SeedPlacement(seeds, phantom.grid(), geometry.capsule());
        double[] outsideSeeds = SeedVolumeFraction.outsideSeeds(scoringGrid, seeds, geometry);
        boolean[] region = uncertaintyRegion;
        double kermaPerPhoton = AirKermaStrengthPerPhoton.keVCm2PerGram(geometry, library);
        int threads = settings.threads();
        int groups = groups(threads);
        long photonsPerBatch = photonsPerBatch(settings.maxPhotons(), groups);
        VoxelScorer[] scorers = new VoxelScorer[threads];
        PhotonTransport[] transports = new PhotonTransport[threads];
        for (int t = 0; t < threads; t++) {
            scorers[t] = new VoxelScorer(scoringGrid, phantom.grid(), groups / threads);
            transports[t] = new PhotonTransport(library, phantom, seedTransport, placement, scorers[t]);
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "monte-carlo");
            th.setDaemon(true);
            return th;
        });
        long photons = 0;
        SplittableRandom batchSeeds = new SplittableRandom(settings.rngSeed());
        try {
            while (true) {
                SplittableRandom[] rngs = new SplittableRandom[groups];
                for (int g = 0; g < groups; g++) {
                    rngs[g] = batchSeeds.split();
                }
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        // this thread's groups in order: VoxelScorer puts its k-th batch into its group k mod (G/T)
                        for (int g = thread; g < groups; g += threads) {
                            for (long n = 0; n < photonsPerBatch; n++) {
                                if ((n & 1023) == 0 && stop.get()) {
                                    return;
                                }
                                transports[thread].history(rngs[g]);
                            }
                            scorers[thread].endBatch();
                        }
                    }));
                }
                await(work, cancelled, stop);
                photons += photonsPerBatch * groups;
                double seconds = (System.nanoTime() - start) / 1e9;
                double uncertainty = Double.NaN;
                if (settings.targetMeanRelativeUncertainty() > 0) {
                    if (region == null) {
                        region = highDoseRegion(scorers, outsideSeeds);
                    }
                    uncertainty = meanRelativeUncertainty(scorers, region);
                }
                double done = Math.max((double) photons / settings.maxPhotons(), seconds / settings.maxSeconds());
                if (!Double.isNaN(uncertainty)) {
                    double t = settings.targetMeanRelativeUncertainty();
                    done = Math.max(done, Math.min(1, (t * t) / (uncertainty * uncertainty)));
                }
                progress.accept(Math.min(1, done));
                if (photons + photonsPerBatch * groups > settings.maxPhotons() || seconds >= settings.maxSeconds()
                        || (!Double.isNaN(uncertainty) && uncertainty <= settings.targetMeanRelativeUncertainty())) {
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return result(scoringGrid, scorers, photons, photonsPerBatch, seconds, outsideSeeds, placement.totalStrengthU / kermaPerPhoton);
    }

    /**
     * Photons of each batch: maxPhotons / (G·{@value #ROUNDS_AT_PHOTON_LIMIT}), at least 1 and at most
     * {@value #MAX_BATCH_PHOTONS}, so that a run the photon limit stops makes whole rounds and never exceeds it (but for a
     * limit below G photons: the first round always runs).
     */
    static long photonsPerBatch(long maxPhotons, int groups) {
        return Math.max(1, Math.min(MAX_BATCH_PHOTONS, maxPhotons / ((long) groups * ROUNDS_AT_PHOTON_LIMIT)));
    }

    /**
     * Groups of histories a run keeps apart: {@value #MIN_BATCHES} rounded up to a multiple of the threads, so that each thread
     * runs as many batches of a round.
     */
    static int groups(int threads) {
        return (MIN_BATCHES + threads - 1) / threads * threads;
    }

    private void check(List<Seed> seeds, Grid scoringGrid, boolean[] region) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("Monte Carlo dose needs at least one seed");
        }
        for (int s = 0; s < seeds.size(); s++) {
            if (!phantom.grid().contains(seeds.get(s).centreMm())) {
                throw new IllegalArgumentException("seed " + (s + 1) + " at " + seeds.get(s).centreMm()
                        + " mm lies outside the Monte Carlo phantom (CT grid " + phantom.grid().minCornerMm() + " … "
                        + phantom.grid().maxCornerMm() + " mm): extend the CT or remove the seed");
            }
        }
        if (region != null && region.length != scoringGrid.voxelCount()) {
            throw new IllegalArgumentException("uncertainty region has " + region.length + " flags for a scoring grid of "
                    + scoringGrid.voxelCount() + " voxels");
        }
    }

    private static void await(List<Future<?>> work, BooleanSupplier cancelled, AtomicBoolean stop) {
        for (Future<?> f : work) {
            while (true) {
                try {
                    f.get(50, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (!stop.get() && cancelled.getAsBoolean()) {
                        stop.set(true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                    throw new CancellationException("Monte Carlo run interrupted");
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Monte Carlo transport failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (stop.get() || cancelled.getAsBoolean()) {
            throw new CancellationException("Monte Carlo run cancelled");
        }
    }

    /** The highest-dose fifth of the scored voxels that hold no part of a seed. */
    private static boolean[] highDoseRegion(VoxelScorer[] scorers, double[] outsideSeeds) {
        int n = outsideSeeds.length;
        double[] sum = new double[n];
        for (VoxelScorer s : scorers) {
            for (int v = 0; v < n; v++) {
                sum[v] += s.sumMedium[v];
            }
        }
        double[] scored = Arrays.stream(sum).filter(x -> x > 0).sorted().toArray();
        boolean[] region = new boolean[n];
        if (scored.length == 0) {
            return region;
        }
        double threshold = scored[(int) (0.8 * (scored.length - 1))];
        for (int v = 0; v < n; v++) {
            region[v] = sum[v] >= threshold && sum[v] > 0 && outsideSeeds[v] == 1;
        }
        return region;
    }

    /** Mean over the region of σ/mean of the batch estimates (1 for a voxel nothing reached). */
    private static double meanRelativeUncertainty(VoxelScorer[] scorers, boolean[] region) {
        int batches = 0;
        for (VoxelScorer s : scorers) {
            batches += s.batches;
        }
        double total = 0;
        int count = 0;
        for (int v = 0; v < region.length; v++) {
            if (region[v]) {
                total += relative(scorers, v, batches);
                count++;
            }
        }
        return count == 0 ? 1 : total / count;
    }

    private static double relative(VoxelScorer[] scorers, int v, int batches) {
        double sum = 0;
        double squares = 0;
        for (VoxelScorer s : scorers) {
            sum += s.sumMedium[v];
            squares += s.sumSquaresMedium[v];
        }
        if (!(sum > 0) || batches < 2) {
            return 1;
        }
        double mean = sum / batches;
        double variance = Math.max(0, squares / batches - mean * mean) / (batches - 1);
        return Math.min(1, Math.sqrt(variance) / mean);
    }

    private MonteCarloDose result(Grid grid, VoxelScorer[] scorers, long photons, long photonsPerBatch, double seconds,
            double[] outsideSeeds, double photonsPerHourPerKeVCm2PerG) {
        int n = grid.voxelCount();
        int batches = 0;
        for (VoxelScorer s : scorers) {
            batches += s.batches;
        }
        long scoredPhotons = photons;
        double volumeCm3 = grid.voxelVolumeCc();
        float[] medium = new float[n];
        float[] water = new float[n];
        float[] uncertainty = new float[n];
        for (int v = 0; v < n; v++) {
            double m = 0;
            double w = 0;
            for (VoxelScorer s : scorers) {
                m += s.sumMedium[v];
                w += s.sumWater[v];
            }
            double outside = outsideSeeds[v];
            if (outside < 1e-3) {
                uncertainty[v] = 1;
                continue;
            }
            double toRate = photonsPerHourPerKeVCm2PerG / (scoredPhotons * volumeCm3 * outside);
            medium[v] = (float) (m * toRate);
            water[v] = (float) (w * toRate);
            uncertainty[v] = (float) relative(scorers, v, batches);
        }
        int perScorer = scorers[0].groupBatches.length;
        int groups = perScorer * scorers.length;
        float[][] groupMedium = new float[groups][];
        float[][] groupWater = new float[groups][];
        long[] groupPhotons = new long[groups];
        for (int t = 0; t < scorers.length; t++) {
            for (int j = 0; j < perScorer; j++) {
                int g = t + scorers.length * j;
                groupPhotons[g] = scorers[t].groupBatches[j] * photonsPerBatch;
                groupMedium[g] = new float[n];
                groupWater[g] = new float[n];
                for (int v = 0; v < n; v++) {
                    double outside = outsideSeeds[v];
                    if (outside >= 1e-3) {
                        double toRate = photonsPerHourPerKeVCm2PerG / (groupPhotons[g] * volumeCm3 * outside);
                        groupMedium[g][v] = (float) (scorers[t].groupMedium[j][v] * toRate);
                        groupWater[g][v] = (float) (scorers[t].groupWater[j][v] * toRate);
                    }
                }
            }
        }
        return new MonteCarloDose(grid, medium, water, uncertainty, photons, seconds, groupMedium, groupWater, groupPhotons);
    }

    private static double trilinear(Grid g, float[] values, Vec3 p) {
        double fx = (p.x() - g.originMm().x()) / g.dxMm();
        double fy = (p.y() - g.originMm().y()) / g.dyMm();
        double fz = (p.z() - g.originMm().z()) / g.dzMm();
        if (!g.contains(p)) {
            return 0;
        }
        int i = Math.max(0, Math.min(g.nx() - 2, (int) Math.floor(fx)));
        int j = Math.max(0, Math.min(g.ny() - 2, (int) Math.floor(fy)));
        int k = Math.max(0, Math.min(g.nz() - 2, (int) Math.floor(fz)));
        double tx = g.nx() < 2 ? 0 : Math.max(0, Math.min(1, fx - i));
        double ty = g.ny() < 2 ? 0 : Math.max(0, Math.min(1, fy - j));
        double tz = g.nz() < 2 ? 0 : Math.max(0, Math.min(1, fz - k));
        double sum = 0;
        for (int c = 0; c < 8; c++) {
            int di = c & 1;
            int dj = (c >> 1) & 1;
            int dk = (c >> 2) & 1;
            int ii = Math.min(g.nx() - 1, i + di);
            int jj = Math.min(g.ny() - 1, j + dj);
            int kk = Math.min(g.nz() - 1, k + dk);
            double wgt = (di == 1 ? tx : 1 - tx) * (dj == 1 ? ty : 1 - ty) * (dk == 1 ? tz : 1 - tz);
            sum += wgt * values[g.index(ii, jj, kk)];
        }
        return sum;
    }
}
