package org.seedplan.verify.matching;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * Found, missed and false counts with position and angle errors over a set of phantoms, shared by the seed and needle
 * finders' acceptance tests and tuning runs (one scoring, so that the figures of docs/seed-finder.md and
 * docs/needles.md are counted alike).
 */
public final class MatchTally {

    private int truth;
    private int found;
    private int falses;
    private final List<Double> errorsMm = new ArrayList<>();
    private double errorSumMm;
    private double inPlaneErrorSumMm;
    private int angles;
    private double angleSumDeg;
    private double worstAngleDeg;

    /** Adds one phantom's counts: objects truly there, of them found, and found objects that are not there. */
    public void addCounts(int truthCount, int foundCount, int falseCount) {
        truth += truthCount;
        found += foundCount;
        falses += falseCount;
    }

    /** Adds the position error of one found object against its true place, mm (in-plane: the x and y parts). */
    public void addError(Vec3 displacementMm) {
        double e = displacementMm.norm();
        errorsMm.add(e);
        errorSumMm += e;
        inPlaneErrorSumMm += Math.hypot(displacementMm.x(), displacementMm.y());
    }

    /** Adds the angle between one found axis and its true axis, degrees. */
    public void addAngle(double deg) {
        angles++;
        angleSumDeg += deg;
        worstAngleDeg = Math.max(worstAngleDeg, deg);
    }

    /** Angle between two axes regardless of their sense, degrees. */
    public static double axisAngleDeg(Vec3 a, Vec3 b) {
        return Math.toDegrees(Math.acos(Math.min(1, Math.abs(a.dot(b)))));
    }

    public int truth() {
        return truth;
    }

    public int found() {
        return found;
    }

    public int missed() {
        return truth - found;
    }

    public int falses() {
        return falses;
    }

    public double foundShare() {
        return found / (double) truth;
    }

    public double falsePer100() {
        return 100.0 * falses / truth;
    }

    public double meanErrorMm() {
        return errorSumMm / errorsMm.size();
    }

    public double meanInPlaneErrorMm() {
        return inPlaneErrorSumMm / errorsMm.size();
    }

    public double worstErrorMm() {
        return errorsMm.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** How many of the errors added exceed the limit. */
    public long errorsAbove(double limitMm) {
        return errorsMm.stream().filter(e -> e > limitMm).count();
    }

    public int errorCount() {
        return errorsMm.size();
    }

    public int angleCount() {
        return angles;
    }

    public double meanAngleDeg() {
        return angleSumDeg / angles;
    }

    public double worstAngleDeg() {
        return worstAngleDeg;
    }

    /** The Wilson score interval at 95 % (z = 1.96) of a binomial proportion k of n: the seeds are the trials. */
    public static double[] wilson95(long k, long n) {
        double z = 1.96;
        double p = k / (double) n;
        double d = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / d;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        return new double[] {centre - half, centre + half};
    }
}
