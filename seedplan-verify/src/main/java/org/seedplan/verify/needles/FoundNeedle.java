package org.seedplan.verify.needles;

import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * A needle found on an intra-operative CT.
 *
 * @param tipMm            the tip (sharp end of the bevel, on the axis), mm LPS
 * @param hubSideEndMm     the other visible end of the steel: where it leaves the field of view, or its end at the hub, mm LPS
 * @param axisAtTip        unit direction of the needle's last {@value NeedleFinder#AXIS_CHORD_MM} mm, towards the tip
 * @param visibleLengthMm  length of the steel seen on the scan, mm
 * @param pathMm           points along the fitted curve every 2 mm from the hub-side end to the tip
 * @param leavesFieldOfView whether the needle runs out of the scanned volume (its hub is not on the scan)
 * @param tipCertain       whether the scan tells which end is the tip (one end in air or outside the scan); otherwise the
 *                         tip is the end deeper in tissue and matching may turn it to agree with the plan
 * @param fitRmsMm         root-mean-square distance of the needle's metal voxels from the fitted curve, mm
 * @param tipZUncertaintyMm how far along the scan's z (its slice axis) the tip may lie from {@code tipMm} because the image
 *                         does not tell, mm: on slices of 3 mm and more, a needle whose last {@value NeedleFinder#AXIS_CHORD_MM} mm
 *                         lie inside the flat top of one slice's profile (a box profile) shows in no neighbouring slice, and
 *                         any place within that band explains the CT as well; where the needle's z was fitted from the slice
 *                         profile (shallow needles on such slices), at least the z range at the tip whose misfit lies within two
 *                         standard deviations of the fit's own residuals (the image's misfit, weighed with how much its residuals
 *                         agree within the fit's 5 mm pieces, {@code NeedleZFit.Fitted.zHalfWidthAt}), and at least the slice the tip is seen in where that
 *                         fit explains the needle far worse than the scan's other needles and its tip half read alone places
 *                         the tip elsewhere (a run of two needles' steel) — and where it places it elsewhere by less than
 *                         the 1 mm, at least as far as that tip half's own line and its interval reach; 0 on
 *                         thinner slices. It states what the image and the fit do not hold, not every error of the finder's
 *                         (one along the axis, or from a wrong run the z fit explains as well as the others, is not in it)
 * @param tipAxisUncertaintyMm how far along the needle's axis the tip may lie from {@code tipMm}, mm (about two standard
 *                         deviations, {@link NeedleEndFit#tipAxisUncertaintyMm}): the stretch of tip places the end fit's voxels
 *                         explain within their own residuals' spread; one window's length
 *                         ({@value NeedleEndFit#UNBOUNDED_ALONG_AXIS_MM} mm) where the fit's window does not bound the tip (its
 *                         tip pinned at the window's back edge, the steel still going on beyond its front edge) or no end fit
 *                         placed it; on slices thicker than 3 mm, for needles not steep enough for the end fit to move their tips, at least
 *                         the distance along the axis to a place the end fit, the axis's offsets and tilts settled again there,
 *                         explains better ({@code NeedleFinder.alongStatedByEndFit}). It does not state a place the fit is sure of
 *                         and wrong
 * @param axisUncertaintyDeg how far {@code axisAtTip}'s tilt out of the slices' plane may be from the needle's, degrees: what
 *                         the image cannot hold of the line's z at its two visible ends over the length between them,
 *                         atan((tip's + hub-side end's z uncertainty) / that length) ({@link NeedleFinder#axisUncertaintyDeg});
 *                         a needle lying inside one thick slice's flat top is placed along z by no slice at either end and its tilt
 *                         is stated wide, one crossing slices near both ends is stated hundredths of a degree; 0 on thinner slices
 *                         (under 3 mm). Like {@code tipZUncertaintyMm} it states what the image does not hold, not every error of
 *                         the finder's (a run of two needles' steel the z fit explains is not in it). Where the z fit reads the run
 *                         as two needles' steel, the axis's turn in the slices' plane is in it too: the tilt's statement and the
 *                         in-plane one (the tip part's voxels' turn from the axis, {@code NeedleFinder.TIP_PART_MM}) as their root
 *                         sum of squares. Where the needle's z is its slab centroids' curve (steep needles on slices of 3 mm and
 *                         more, and most needles on 3 mm slices), the axis at the tip is that curve's and may turn from the line
 *                         through the ends where the slices' staircase bends the curve: that turn is added
 *                         ({@link NeedleFinder#staircaseBendDeg}). Where the needle's z is a z fit's straight line, the turn at
 *                         the tip of that line's reading bent as a cantilever is added (a bent needle's chord at the tip turns from
 *                         its line; {@code NeedleZFit.Fitted.bendTurnDeg}). Where the z fit explains the run far worse than the scan's
 *                         other needles, the run's tip half read on its own is a second reading of the axis: its turn from
 *                         {@code axisAtTip} out of the plane is added and its turn in the plane taken in as the root sum of
 *                         squares ({@link NeedleFinder#halfTurnDeg})
 * @param tipInPlaneUncertaintyMm how far across the needle in the slices' plane the tip may lie from {@code tipMm}, mm: two
 *                         standard deviations of the run's centreline there ({@link NeedleFinder#tipInPlaneUncertaintyMm}: its
 *                         voxels' offsets across it in the plane, averaged over each {@value NeedleFinder#IN_PLANE_PIECE_MM} mm
 *                         along it, read as a polynomial of the curve's degree and carried out to the tip), plus how far that
 *                         reading and the centreline part at the tip; and at least the spread across of the run's voxels within
 *                         {@value NeedleFinder#TIP_STEEL_WINDOW_MM} mm of the tip where it is wider than one needle's steel (a run
 *                         holding a strand of seeds or another needle's shaft beside the tip, its centreline anywhere between:
 *                         {@link NeedleFinder#steelAcrossAtTipMm})
 */
public record FoundNeedle(Vec3 tipMm, Vec3 hubSideEndMm, Vec3 axisAtTip, double visibleLengthMm, List<Vec3> pathMm,
                          boolean leavesFieldOfView, boolean tipCertain, double fitRmsMm,
                          double tipZUncertaintyMm, double tipAxisUncertaintyMm, double axisUncertaintyDeg,
                          double tipInPlaneUncertaintyMm) {

    public FoundNeedle {
        pathMm = List.copyOf(pathMm);
    }

    /**
     * The same needle seen the other way round (tip and hub-side end exchanged). Only a needle whose tip end the scan could not
     * tell is turned ({@code tipCertain} false); its {@code tipZUncertaintyMm}, {@code tipAxisUncertaintyMm}, {@code axisUncertaintyDeg} and {@code tipInPlaneUncertaintyMm} stay the ones weighed at the end first
     * taken.
     */
    public FoundNeedle reversed() {
        List<Vec3> back = new java.util.ArrayList<>(pathMm);
        java.util.Collections.reverse(back);
        Vec3 axis = back.get(back.size() - 1).minus(back.get(Math.max(0, back.size() - 1 - (int) (NeedleFinder.AXIS_CHORD_MM / 2))))
                .normalized();
        return new FoundNeedle(hubSideEndMm, tipMm, axis, visibleLengthMm, back, leavesFieldOfView, tipCertain, fitRmsMm, tipZUncertaintyMm,
                tipAxisUncertaintyMm, axisUncertaintyDeg, tipInPlaneUncertaintyMm);
    }
}
