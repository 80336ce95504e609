// Window/level presets for CT in HU (centre, width), the values radiology departments commonly use.

/** Name → {label, centre, width} in HU. */
export const WINDOW_PRESETS = {
  soft: { label: 'Soft tissue', centre: 40, width: 400 },
  lung: { label: 'Lung', centre: -600, width: 1500 },
  bone: { label: 'Bone', centre: 400, width: 1800 },
  liver: { label: 'Liver', centre: 60, width: 160 },
};

/**
 * A 65536-entry lookup table from HU + 32768 to an opaque grey RGBA pixel (little-endian Uint32) for a window:
 * HU at or below centre - width/2 black, at or above centre + width/2 white, linear between (DICOM PS3.3 C.11.2.1.2
 * "LINEAR" without its half-unit offsets).
 */
export function greyLookup(centre, width, out = new Uint32Array(65536)) {
  const low = centre - width / 2;
  const scale = 255 / width;
  for (let n = 0; n < 65536; n++) {
    const g = Math.max(0, Math.min(255, Math.round((n - 32768 - low) * scale)));
    out[n] = 0xff000000 | (g << 16) | (g << 8) | g;
  }
  return out;
}
