#!/usr/bin/python3
"""Independent reader of seedplan's RT Plan and RT Dose exports (pydicom + numpy only, no seedplan code).

usage: read_rt_outputs.py RP.dcm [--dose RD.dcm --rtstruct RS.dcm --roi NAME --rx-gy GY]

Prints one JSON object:
  plan: patient ID, SOP Instance UID, referenced structure set, seed count (one seed = one rise of the
        cumulative time weight between two control points at one position), each source's model, manufacturer,
        isotope, half-life, Reference Air Kerma Rate with its reference date and time, target prescription dose;
  structure_set: patient ID, SOP Instance UID, Frame of Reference;
  dose: patient ID, referenced RT Plan, Frame of Reference, grid maximum (Gy), and for the ROI: volume (cc),
        D90 (Gy), V100 and V150 (% of the ROI volume at >= 100 / 150 % of --rx-gy), Dmax at voxel centres inside.
The ROI is rebuilt from its planar contours the usual way (each contour a slab of the contour-plane spacing
centred on its plane, even-odd rule for holes) and sampled 4 x 4 x 4 times per dose voxel, the dose trilinearly
interpolated at each sub-point.
"""
import json
import sys

import numpy as np
import pydicom

SUB = 4


def plan_info(path):
    rp = pydicom.dcmread(path)
    seeds = 0
    for setup in rp.ApplicationSetupSequence:
        for ch in setup.ChannelSequence:
            prev = None
            for cp in ch.BrachyControlPointSequence:
                pos = tuple(float(v) for v in cp.ControlPoint3DPosition)
                w = float(cp.CumulativeTimeWeight)
                if prev is not None and prev[0] == pos and w > prev[1]:
                    seeds += 1
                prev = (pos, w)
    sources = []
    for s in rp.SourceSequence:
        sources.append({
            "model": str(s.get("SourceModelID", "")), "manufacturer": str(s.get("SourceManufacturer", "")),
            "isotope": str(s.SourceIsotopeName), "half_life_days": float(s.SourceIsotopeHalfLife),
            "reference_air_kerma_rate_U": float(s.ReferenceAirKermaRate),
            "reference_date": str(s.SourceStrengthReferenceDate), "reference_time": str(s.SourceStrengthReferenceTime)})
    rx = [float(d.TargetPrescriptionDose) for d in rp.get("DoseReferenceSequence", []) if "TargetPrescriptionDose" in d]
    rs = [str(x.ReferencedSOPInstanceUID) for x in rp.get("ReferencedStructureSetSequence", [])]
    return {"patient_id": str(rp.PatientID), "sop_instance_uid": str(rp.SOPInstanceUID), "frame_of_reference_uid": str(rp.get("FrameOfReferenceUID", "")),
            "referenced_structure_set": rs, "seed_count": seeds, "sources": sources, "prescription_gy": rx}


def contours(rs, roi_name):
    numbers = [r.ROINumber for r in rs.StructureSetROISequence if r.ROIName == roi_name]
    if len(numbers) != 1:
        raise SystemExit("ROI %s: %d ROIs of that name in the structure set" % (roi_name, len(numbers)))
    planes = {}
    for c in rs.ROIContourSequence:
        if c.ReferencedROINumber != numbers[0]:
            continue
        for item in c.ContourSequence:
            pts = np.array([float(v) for v in item.ContourData]).reshape(-1, 3)
            planes.setdefault(round(float(pts[0, 2]), 3), []).append(pts[:, :2])
    return planes


def inside(polygons, x, y):
    """Even-odd rule over every polygon of one plane, for the points (x, y)."""
    result = np.zeros(x.shape, dtype=bool)
    for poly in polygons:
        xs, ys = poly[:, 0], poly[:, 1]
        xe, ye = np.roll(xs, -1), np.roll(ys, -1)
        for x1, y1, x2, y2 in zip(xs, ys, xe, ye):
            crosses = (y1 > y) != (y2 > y)
            with np.errstate(divide="ignore", invalid="ignore"):
                xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            result ^= crosses & (x < xc)
    return result


def trilinear(dose, fx, fy, fz):
    """Dose at fractional voxel indices (column, row, frame), clamped to the grid."""
    nz, ny, nx = dose.shape
    fx, fy, fz = np.clip(fx, 0, nx - 1), np.clip(fy, 0, ny - 1), np.clip(fz, 0, nz - 1)
    x0, y0, z0 = np.minimum(fx.astype(int), nx - 2), np.minimum(fy.astype(int), ny - 2), np.minimum(fz.astype(int), nz - 2)
    tx, ty, tz = fx - x0, fy - y0, fz - z0
    out = np.zeros(fx.shape)
    for dz in (0, 1):
        for dy in (0, 1):
            for dx in (0, 1):
                w = (tx if dx else 1 - tx) * (ty if dy else 1 - ty) * (tz if dz else 1 - tz)
                out += w * dose[z0 + dz, y0 + dy, x0 + dx]
    return out


def dose_info(rd_path, rs_path, roi, rx):
    rd = pydicom.dcmread(rd_path)
    rs = pydicom.dcmread(rs_path)
    iop = [float(v) for v in rd.ImageOrientationPatient]
    if max(abs(a - b) for a, b in zip(iop, [1, 0, 0, 0, 1, 0])) > 1e-6:
        raise SystemExit("RT Dose is not axial: " + str(iop))
    dose = rd.pixel_array.astype(np.float64) * float(rd.DoseGridScaling)
    if dose.ndim == 2:
        dose = dose[np.newaxis]
    x0, y0, z0 = (float(v) for v in rd.ImagePositionPatient)
    dr, dc = (float(v) for v in rd.PixelSpacing)
    offsets = np.array([float(v) for v in rd.GridFrameOffsetVector])
    dz = float(np.median(np.diff(offsets)))
    if np.max(np.abs(np.diff(offsets) - dz)) > 1e-3:
        raise SystemExit("RT Dose frames are not evenly spaced")
    planes = contours(rs, roi)
    zs = np.array(sorted(planes))
    thickness = float(np.median(np.diff(zs))) if len(zs) > 1 else float(rs.get("SliceThickness", dz))
    all_pts = np.vstack([p for ps in planes.values() for p in ps])
    # dose voxels whose cell may touch the ROI
    ix = np.arange(dose.shape[2]); iy = np.arange(dose.shape[1]); iz = np.arange(dose.shape[0])
    cx, cy, cz = x0 + ix * dc, y0 + iy * dr, z0 + offsets
    kx = ix[(cx + dc >= all_pts[:, 0].min()) & (cx - dc <= all_pts[:, 0].max())]
    ky = iy[(cy + dr >= all_pts[:, 1].min()) & (cy - dr <= all_pts[:, 1].max())]
    kz = iz[(cz + dz >= zs.min() - thickness / 2) & (cz - dz <= zs.max() + thickness / 2)]
    sub = (np.arange(SUB) + 0.5) / SUB - 0.5
    fx = (kx[:, None] + sub[None, :]).ravel()
    fy = (ky[:, None] + sub[None, :]).ravel()
    fz = (kz[:, None] + sub[None, :]).ravel()
    px, py = x0 + fx * dc, y0 + fy * dr
    gx, gy = np.meshgrid(px, py)
    gfx, gfy = np.meshgrid(fx, fy)
    sub_volume_cc = dc * dr * dz / SUB ** 3 / 1000.0
    samples = []
    centre_max = 0.0
    for fzk in fz:
        z = z0 + offsets[0] + fzk * dz
        k = int(np.argmin(np.abs(zs - z)))
        if abs(zs[k] - z) > thickness / 2:
            continue
        mask = inside(planes[zs[k]], gx, gy)
        if mask.any():
            samples.append(trilinear(dose, gfx[mask], gfy[mask], np.full(mask.sum(), fzk)))
    d = np.sort(np.concatenate(samples))[::-1]
    volume = d.size * sub_volume_cc
    cum = np.arange(1, d.size + 1) / d.size
    d90 = float(d[np.searchsorted(cum, 0.90)])
    # Dmax at voxel centres inside the ROI
    for k in kz:
        z = z0 + offsets[k]
        j = int(np.argmin(np.abs(zs - z)))
        if abs(zs[j] - z) > thickness / 2:
            continue
        gxc, gyc = np.meshgrid(cx[kx], cy[ky])
        m = inside(planes[zs[j]], gxc, gyc)
        if m.any():
            centre_max = max(centre_max, float(dose[k][np.ix_(ky, kx)][m].max()))
    refs = [str(x.ReferencedSOPInstanceUID) for x in rd.get("ReferencedRTPlanSequence", [])]
    return {"patient_id": str(rd.PatientID), "referenced_rt_plan": refs, "frame_of_reference_uid": str(rd.FrameOfReferenceUID),
            "dose_units": str(rd.DoseUnits), "max_gy": float(dose.max()),
            "roi": {"name": roi, "volume_cc": volume, "d90_gy": d90, "v100_pct": 100.0 * float(np.mean(d >= rx)),
                    "v150_pct": 100.0 * float(np.mean(d >= 1.5 * rx)), "dmax_centres_gy": centre_max,
                    "contour_planes": len(zs), "slab_mm": thickness}}


def main(argv):
    out = {"plan": plan_info(argv[1])}
    if "--dose" in argv:
        opt = {argv[i]: argv[i + 1] for i in range(2, len(argv) - 1, 2)}
        out["dose"] = dose_info(opt["--dose"], opt["--rtstruct"], opt["--roi"], float(opt["--rx-gy"]))
        rs = pydicom.dcmread(opt["--rtstruct"])
        out["structure_set"] = {"patient_id": str(rs.PatientID), "sop_instance_uid": str(rs.SOPInstanceUID),
                                "frame_of_reference_uid": str(rs.ReferencedFrameOfReferenceSequence[0].FrameOfReferenceUID)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv)
