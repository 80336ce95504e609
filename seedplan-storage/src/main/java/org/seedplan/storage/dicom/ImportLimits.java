package org.seedplan.storage.dicom;

/**
 * Limits on what one import may unpack, against zip bombs and runaway uploads (counted on the bytes actually
 * inflated, not on what the archive claims).
 *
 * @param maxEntries    most files in one archive or folder
 * @param maxFileBytes  largest single file
 * @param maxTotalBytes most bytes in total
 * @param maxRatio      largest inflated/compressed ratio of a zip entry larger than 1 MiB
 */
public record ImportLimits(int maxEntries, long maxFileBytes, long maxTotalBytes, double maxRatio) {

    /** 20 000 files, 1 GiB per file, 8 GiB in total, ratio 200 (CT slices deflate about 2–4 times). */
    public static final ImportLimits DEFAULT = new ImportLimits(20_000, 1L << 30, 8L << 30, 200);
}
